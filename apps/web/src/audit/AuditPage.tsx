import { Box, Tabs } from '@mantine/core';
import { FileSearch, ScrollText } from 'lucide-react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import './audit.css';
import { AccessLogReport } from './AccessLogReport.tsx';
import { InstanceReplay } from './InstanceReplay.tsx';
import { InstanceSearch } from './InstanceSearch.tsx';

/** The auditor's area: find a request and replay its history, or read the access log. */
export function AuditPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const tab = location.pathname.startsWith('/audit/access-log') ? 'access-log' : 'instances';
  return (
    <Box
      h="100%"
      className="pf-audit"
      style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
      data-testid="audit-page"
    >
      <Tabs
        value={tab}
        onChange={(value) => navigate(value === 'access-log' ? '/audit/access-log' : '/audit')}
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
        </Tabs.List>
      </Tabs>
      <Box style={{ flex: 1, minHeight: 0, overflow: 'hidden' }}>
        <Routes>
          <Route index element={<InstanceSearch />} />
          <Route path="instances/:id" element={<InstanceReplay />} />
          <Route path="access-log" element={<AccessLogReport />} />
          <Route path="*" element={<Navigate to="/audit" replace />} />
        </Routes>
      </Box>
    </Box>
  );
}
