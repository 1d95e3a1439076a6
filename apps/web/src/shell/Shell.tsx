import { Anchor, AppShell, Burger, Button, Group, NavLink, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { logout } from '@portalflow/contract';
import { useQueryClient } from '@tanstack/react-query';
import {
  BookOpen,
  CalendarClock,
  ChartColumn,
  CircleUser,
  ClipboardList,
  DatabaseBackup,
  FileSearch,
  FlaskConical,
  GraduationCap,
  IdCard,
  KeyRound,
  LifeBuoy,
  LogOut,
  Mail,
  UserCog,
  Users,
  Webhook,
  Workflow,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { call } from '../api/call.ts';
import { setCsrfToken } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { clinicRoles, isAuditor, isLead } from '../auth/useMe.ts';
import { BackupAlarm } from '../backups/BackupAlarm.tsx';
import { EmergencyAccess } from '../emergency/EmergencyAccess.tsx';
import { NotificationBell } from '../work/NotificationBell.tsx';
import { ClinicGate } from './ClinicGate.tsx';
import { ClosureNotice } from './ClosureNotice.tsx';
import { SignedInAs } from './SignedInAs.tsx';

/** Where each kind of user works; the menu shows only what their roles allow. */
export function navItems(roles: string[], emergency = false) {
  const items: Array<{ to: string; label: string; icon: ReactNode }> = [];
  if (clinicRoles(roles).length > 0)
    items.push({ to: '/work', label: 'My work', icon: <ClipboardList size={18} aria-hidden /> });
  if (isLead(roles)) {
    items.push({ to: '/team', label: 'Team', icon: <Users size={18} aria-hidden /> });
    items.push({ to: '/workflows', label: 'Workflows', icon: <Workflow size={18} aria-hidden /> });
  }
  // Break-glass access reads instances through the audit view.
  if (isAuditor(roles) || emergency)
    items.push({ to: '/audit', label: 'Audit', icon: <FileSearch size={18} aria-hidden /> });
  items.push({ to: '/roles', label: 'Roles', icon: <IdCard size={18} aria-hidden /> });
  items.push({ to: '/handbook', label: 'Handbook', icon: <BookOpen size={18} aria-hidden /> });
  if (isLead(roles) || isAuditor(roles))
    items.push({ to: '/refreshers', label: 'Training', icon: <GraduationCap size={18} aria-hidden /> });
  items.push({ to: '/faq', label: 'Help & FAQ', icon: <LifeBuoy size={18} aria-hidden /> });
  items.push({ to: '/tracking', label: 'Tracking', icon: <ChartColumn size={18} aria-hidden /> });
  if (clinicRoles(roles).length > 0)
    items.push({ to: '/practice', label: 'Practice', icon: <FlaskConical size={18} aria-hidden /> });
  items.push({ to: '/tokens', label: 'API tokens', icon: <KeyRound size={18} aria-hidden /> });
  items.push({ to: '/profile/email', label: 'Email notifications', icon: <Mail size={18} aria-hidden /> });
  items.push({ to: '/profile/account', label: 'Your account', icon: <CircleUser size={18} aria-hidden /> });
  if (isLead(roles)) {
    items.push({ to: '/intake', label: 'Intake keys', icon: <Webhook size={18} aria-hidden /> });
  }
  if (isLead(roles) || isAuditor(roles))
    items.push({ to: '/clinic-hours', label: 'Clinic hours', icon: <CalendarClock size={18} aria-hidden /> });
  if (roles.includes('admin')) {
    items.push({ to: '/accounts', label: 'Accounts', icon: <UserCog size={18} aria-hidden /> });
    items.push({ to: '/webhooks', label: 'Webhooks', icon: <Webhook size={18} aria-hidden /> });
    items.push({ to: '/backups', label: 'Backups', icon: <DatabaseBackup size={18} aria-hidden /> });
  }
  return items;
}

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const [opened, { toggle }] = useDisclosure();
  const client = useQueryClient();
  const location = useLocation();
  const items = navItems(me.user.roles, !!me.emergency);

  async function signOut() {
    const done = await call(logout, {}).catch(() => null);
    setCsrfToken(null);
    // Signed in through the clinic's provider: end that session too (RP-initiated logout); it sends
    // the browser back to the sign-in page.
    if (done?.providerLogoutUrl) {
      window.location.assign(done.providerLogoutUrl);
      return;
    }
    // Signed out first (the app shows the sign-in page), then nothing of theirs stays in memory.
    client.setQueryData(['me'], null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  }

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={0}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open navigation" />
            <Title order={1} size="h4">
              portalflow
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me.user.roles.includes('admin') && <BackupAlarm />}
            <ClosureNotice />
            <EmergencyAccess me={me} />
            {clinicRoles(me.user.roles).length > 0 && <NotificationBell />}
            <Anchor
              component={RouterLink}
              to="/profile/account"
              size="sm"
              c="dark"
              visibleFrom="sm"
              title="Your account: password and where you are signed in"
              data-testid="header-account"
            >
              {me.user.displayName}
            </Anchor>
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<LogOut size={16} aria-hidden />}
              onClick={signOut}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <Stack gap={4}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={RouterLink}
              to={item.to}
              label={item.label}
              leftSection={item.icon}
              active={location.pathname.startsWith(item.to)}
              className={location.pathname.startsWith(item.to) ? 'pf-nav-active' : undefined}
              fw={500}
            />
          ))}
        </Stack>
        <SignedInAs username={me.user.username} roles={me.user.roles} />
      </AppShell.Navbar>
      <AppShell.Main h="100dvh">
        <ClinicGate>{children}</ClinicGate>
      </AppShell.Main>
    </AppShell>
  );
}
