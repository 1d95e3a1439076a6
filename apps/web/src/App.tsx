import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { AccountsPage } from './accounts/AccountsPage.tsx';
import { useLive } from './api/useLive.ts';
import { AuditPage } from './audit/AuditPage.tsx';
import { SignIn } from './auth/SignIn.tsx';
import { clinicRoles, isAuditor, isLead, useMe } from './auth/useMe.ts';
import { EditorPage } from './editor/EditorPage.tsx';
import { WorkflowsPage } from './editor/WorkflowsPage.tsx';
import { HandbookIndex } from './handbook/HandbookIndex.tsx';
import { HandbookPage } from './handbook/HandbookPage.tsx';
import { FaqPage } from './help/FaqPage.tsx';
import { MigrationPage } from './migrate/MigrationPage.tsx';
import { PracticePage } from './practice/PracticePage.tsx';
import { MyRefresherPage } from './roles/MyRefresherPage.tsx';
import { RefreshersPage } from './roles/RefreshersPage.tsx';
import { RolePage } from './roles/RolePage.tsx';
import { RolesPage } from './roles/RolesPage.tsx';
import { Shell } from './shell/Shell.tsx';
import { TokensPage } from './tokens/TokensPage.tsx';
import { TrackingPage } from './tracking/TrackingPage.tsx';
import { MyWorkPage } from './work/MyWorkPage.tsx';
import { TeamPage } from './work/TeamPage.tsx';

function home(roles: string[]): string {
  if (clinicRoles(roles).length > 0) return '/work';
  if (isLead(roles)) return '/workflows';
  if (isAuditor(roles)) return '/audit';
  return '/work';
}

export function App() {
  const me = useMe();
  const signedIn = !!me.data && (me.data.stage ?? 'full') === 'full';
  useLive(signedIn);
  if (me.isPending) {
    return (
      <Center mih="100vh">
        <Loader role="status" aria-label="Loading" />
      </Center>
    );
  }
  if (!me.data || !signedIn) return <SignIn me={me.data} />;
  const roles = me.data.user.roles;
  return (
    <Shell me={me.data}>
      <Routes>
        <Route path="/" element={<Navigate to={home(roles)} replace />} />
        <Route path="/work" element={<MyWorkPage me={me.data} />} />
        {isLead(roles) && <Route path="/team" element={<TeamPage />} />}
        {isLead(roles) && <Route path="/workflows" element={<WorkflowsPage />} />}
        {isLead(roles) && <Route path="/workflows/:id" element={<EditorPage />} />}
        {isLead(roles) && <Route path="/workflows/:id/migrate" element={<MigrationPage />} />}
        {isAuditor(roles) && <Route path="/audit/*" element={<AuditPage />} />}
        <Route path="/roles" element={<RolesPage />} />
        <Route path="/roles/:id" element={<RolePage me={me.data} />} />
        <Route path="/refresher" element={<MyRefresherPage />} />
        {(isLead(roles) || isAuditor(roles)) && (
          <Route path="/refreshers" element={<RefreshersPage me={me.data} />} />
        )}
        <Route path="/handbook" element={<HandbookIndex />} />
        <Route path="/handbook/:id/:v" element={<HandbookPage />} />
        <Route path="/faq" element={<FaqPage me={me.data} />} />
        <Route path="/tracking" element={<TrackingPage me={me.data} />} />
        <Route path="/tokens" element={<TokensPage />} />
        {roles.includes('admin') && <Route path="/accounts" element={<AccountsPage />} />}
        {(isAuditor(roles) || !!me.data.emergency) && <Route path="/audit/*" element={<AuditPage />} />}
        {clinicRoles(roles).length > 0 && <Route path="/practice" element={<PracticePage me={me.data} />} />}
        <Route path="*" element={<Navigate to={home(roles)} replace />} />
      </Routes>
    </Shell>
  );
}
