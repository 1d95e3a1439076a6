import { getDefaultZIndex } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import type { Me } from './api/types.ts';
import { useLive } from './api/useLive.ts';
import { clinicRoles, isAuditor, isLead } from './auth/useMe.ts';
import { ScreenBoundary } from './screens/ScreenBoundary.tsx';
import { ScreenLoading } from './screens/ScreenLoading.tsx';
import {
  AccountsPage,
  AuditPage,
  BackupsPage,
  ClinicHoursPage,
  EditorPage,
  EmailPreferencesPage,
  FaqPage,
  HandbookIndex,
  HandbookPage,
  home,
  IntakeKeysPage,
  MigrationPage,
  MyRefresherPage,
  MyWorkPage,
  OwnAccountPage,
  PracticePage,
  RefreshersPage,
  RolePage,
  RolesPage,
  TeamPage,
  TokensPage,
  TrackingPage,
  WebhooksPage,
  WorkflowsPage,
} from './screens/screens.ts';
import { Shell } from './shell/Shell.tsx';
import { useRoleTitlesLoading } from './work/useRoleName.ts';

/**
 * The app behind sign-in: navigation, live updates, toasts and one route per screen. Its own chunk,
 * so the sign-in page downloads none of it.
 */
export function SignedInApp({ me }: { me: Me }) {
  useLive(true);
  const roles = me.user.roles;
  return (
    <BrowserRouter>
      {/* Bottom right, over the lower part of the open task (or the empty pane): bottom left they
          covered the list being worked and the "Signed in as" footer. Not top right, where each
          screen's main actions are (Claim, Save, Publish). Narrow enough to stay within My work's task
          pane on a laptop, whose end scrolls clear of them. Just under dialogs: a toast still showing
          when a dialog opens stays behind its shade, never over its buttons ("Publish version 2"
          after "Saved"). */}
      <Notifications position="bottom-right" containerWidth={360} zIndex={getDefaultZIndex('modal') - 1} />
      <Shell me={me}>
        <Screens>
          <Routes>
            <Route path="/" element={<Navigate to={home(roles)} replace />} />
            <Route path="/work" element={<MyWorkPage me={me} />} />
            {isLead(roles) && <Route path="/team" element={<TeamPage />} />}
            {isLead(roles) && <Route path="/workflows" element={<WorkflowsPage />} />}
            {isLead(roles) && (
              <Route
                path="/workflows/:id"
                element={
                  // The editor is the largest download (React Flow, ELK, BPMN): its own progress on first open.
                  <Suspense fallback={<ScreenLoading what="the editor" bar />}>
                    <EditorPage />
                  </Suspense>
                }
              />
            )}
            {isLead(roles) && <Route path="/workflows/:id/migrate" element={<MigrationPage />} />}
            <Route path="/roles" element={<RolesPage me={me} />} />
            <Route path="/roles/:id" element={<RolePage me={me} />} />
            <Route path="/refresher" element={<MyRefresherPage />} />
            {(isLead(roles) || isAuditor(roles)) && (
              <Route path="/refreshers" element={<RefreshersPage me={me} />} />
            )}
            <Route path="/handbook" element={<HandbookIndex />} />
            <Route path="/handbook/:id/:v" element={<HandbookPage />} />
            <Route path="/faq" element={<FaqPage me={me} />} />
            <Route path="/tracking" element={<TrackingPage me={me} />} />
            <Route path="/tokens" element={<TokensPage />} />
            {isLead(roles) && <Route path="/intake" element={<IntakeKeysPage />} />}
            {roles.includes('admin') && <Route path="/accounts" element={<AccountsPage />} />}
            <Route
              path="/profile/email"
              element={<EmailPreferencesPage isAdmin={roles.includes('admin')} />}
            />
            <Route path="/profile/account" element={<OwnAccountPage me={me} />} />
            {roles.includes('admin') && <Route path="/webhooks" element={<WebhooksPage />} />}
            {roles.includes('admin') && <Route path="/backups" element={<BackupsPage />} />}
            {(isLead(roles) || isAuditor(roles)) && (
              <Route path="/clinic-hours" element={<ClinicHoursPage canEdit={isLead(roles)} />} />
            )}
            {(isAuditor(roles) || !!me.emergency) && (
              <Route path="/audit/*" element={<AuditPage accounts={isAuditor(roles)} />} />
            )}
            {clinicRoles(roles).length > 0 && <Route path="/practice" element={<PracticePage me={me} />} />}
            <Route path="*" element={<Navigate to={home(roles)} replace />} />
          </Routes>
        </Screens>
      </Shell>
    </BrowserRouter>
  );
}

/**
 * A screen's code is fetched on first open: a loading state meanwhile, a clear message if it fails.
 * Screens name roles by the clinic's titles (My work's pools, the Team page, notes, Tracking), so they
 * wait for them too: a name made from the role's id ("Refill coordinator") would show, then change.
 */
function Screens({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const titlesLoading = useRoleTitlesLoading();
  return (
    <ScreenBoundary resetKey={pathname}>
      {titlesLoading ? (
        <ScreenLoading what="this screen" />
      ) : (
        <Suspense fallback={<ScreenLoading what="this screen" />}>{children}</Suspense>
      )}
    </ScreenBoundary>
  );
}
