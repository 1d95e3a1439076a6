import { Box, Tabs } from '@mantine/core';
import { FileSearch, ScrollText, UserCog } from 'lucide-react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import './audit.css';
import { AccessLogReport } from './AccessLogReport.tsx';
import { AccountChangesView } from './AccountChangesView.tsx';
import { InstanceReplay } from './InstanceReplay.tsx';
import { InstanceSearch } from './InstanceSearch.tsx';

const TABS = { instances: '/audit', 'access-log': '/audit/access-log', accounts: '/audit/account-changes' };
type Tab = keyof typeof TABS;

/**
 * The auditor's area: find a request and replay its history, read the access log, or read who
 * changed which account. Someone reading by emergency access sees requests and the access log only.
 */
export function AuditPage({ accounts }: { accounts: boolean }) {
  const location = useLocation();
  const navigate = useNavigate();
  const tab: Tab = location.pathname.startsWith('/audit/access-log')
    ? 'access-log'
    : location.pathname.startsWith('/audit/account-changes')
      ? 'accounts'
      : 'instances';
  return (
    <Box
      h="100%"
      className="pf-audit"
      style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
      data-testid="audit-page"
    >
      <Tabs
        value={tab}
        onChange={(value) => navigate(TABS[(value ?? 'instances') as Tab])}
        aria-label="Audit views"
      >
        <Tabs.List px="md" pt={6}>
          <Tabs.Tab
            value="instances"
            leftSection={<FileSearch size={16} aria-hidden />}
            data-testid="audit-tab-instances"
          >
            Requests
          </Tabs.Tab>
          <Tabs.Tab
            value="access-log"
            leftSection={<ScrollText size={16} aria-hidden />}
            data-testid="audit-tab-access-log"
          >
            Access log
          </Tabs.Tab>
          {accounts && (
            <Tabs.Tab
              value="accounts"
              leftSection={<UserCog size={16} aria-hidden />}
              data-testid="audit-tab-account-changes"
            >
              Account changes
            </Tabs.Tab>
          )}
        </Tabs.List>
      </Tabs>
      <Box style={{ flex: 1, minHeight: 0, overflow: 'hidden' }}>
        <Routes>
          <Route index element={<InstanceSearch />} />
          <Route path="instances/:id" element={<InstanceReplay />} />
          <Route path="access-log" element={<AccessLogReport />} />
          {accounts && <Route path="account-changes" element={<AccountChangesView />} />}
          <Route path="*" element={<Navigate to="/audit" replace />} />
        </Routes>
      </Box>
    </Box>
  );
}
