import {
  Anchor,
  AppShell,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { logout } from '@portalflow/contract';
import { useQueryClient } from '@tanstack/react-query';
import { LogOut } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { matchPath, NavLink as RouterLink, useLocation } from 'react-router';
import { call } from '../api/call.ts';
import { setCsrfToken } from '../api/client.ts';
import type { Me, Task } from '../api/types.ts';
import { signingOutOnPurpose } from '../auth/sessionEnded.ts';
import { clinicRoles, forgetSignedInData } from '../auth/useMe.ts';
import { BackupAlarm } from '../backups/BackupAlarm.tsx';
import { forgetKeptWork } from '../editor/keptWorkStorage.ts';
import { EmergencyAccess } from '../emergency/EmergencyAccess.tsx';
import { askForFirstView } from '../tracking/firstView.ts';
import { NotificationBell } from '../work/NotificationBell.tsx';
import { fetchAllTasks } from '../work/taskApi.ts';
import { useRoleCatalog } from '../work/useRoleCatalog.ts';
import { ClinicGate, ClinicLoading } from './ClinicGate.tsx';
import { ClosureNotice } from './ClosureNotice.tsx';
import { useClinicConfig } from './clinic.ts';
import { navSections } from './nav.tsx';
import { SignedInAs } from './SignedInAs.tsx';
import { SignOutReminder } from './SignOutReminder.tsx';
import { MAIN_ID, SkipLink } from './SkipLink.tsx';
import { urgentHeld } from './urgentHeld.ts';

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const client = useQueryClient();
  const location = useLocation();
  const sections = navSections(me.user.roles, !!me.emergency);
  // The workflow editor is a drawing surface: there the menu folds away behind its button at every
  // width (it took 200 of a laptop's 1280 px from the diagram) and, opened, lies over the editor
  // instead of squeezing it.
  const drawing = matchPath('/workflows/:id', location.pathname) !== null;
  // Another screen (a link, the browser's Back) folds it again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the screen changes
  useEffect(() => close(), [location.pathname]);
  // The page title names the screen ("My work · portalflow"): a screen reader says it after every move
  // through the menu, and browser tabs and history tell the screens apart. Signed out: the product name.
  const screen = sections.flatMap((s) => s.items).find((item) => isOpen(location.pathname, item.to))?.label;
  useEffect(() => {
    document.title = screen ? `${screen} · ${PRODUCT}` : PRODUCT;
  }, [screen]);
  useEffect(
    () => () => {
      document.title = PRODUCT;
    },
    [],
  );
  // Nothing is drawn before the clinic's time zone is known: the header writes times too (the
  // break-glass banner's "until"), and a time written in the computer's zone stayed on screen.
  const clinic = useClinicConfig();
  // Every screen waits for the role titles too (SignedInApp's Screens): asked for here, beside the
  // configuration, they arrive together instead of one after the other.
  useRoleCatalog();

  // Urgent tasks still held, due within the hour: asked about before signing out (SignOutReminder).
  const [heldAtSignOut, setHeldAtSignOut] = useState<Task[]>([]);
  async function askThenSignOut() {
    const mine = clinicRoles(me.user.roles).length
      ? await fetchAllTasks({ scope: 'mine' }).catch(() => [])
      : [];
    const held = urgentHeld(mine, me.user.id, Date.now());
    if (held.length > 0) setHeldAtSignOut(held);
    else await signOut();
  }

  async function signOut() {
    setHeldAtSignOut([]);
    signingOutOnPurpose();
    const done = await call(logout, {}).catch(() => null);
    setCsrfToken(null);
    // The editor work kept in this browser was theirs too.
    forgetKeptWork();
    // Signed in through the clinic's provider: end that session too (RP-initiated logout); it sends
    // the browser back to the sign-in page.
    if (done?.providerLogoutUrl) {
      window.location.assign(done.providerLogoutUrl);
      return;
    }
    // Signed out first (the app shows the sign-in page), then nothing of theirs stays in memory.
    client.setQueryData(['me'], null);
    forgetSignedInData(client);
  }

  if (clinic.isPending) return <ClinicLoading />;
  return (
    <AppShell
      header={{ height: 52 }}
      // Below 62em (a tablet held upright) the menu folds behind a button: at 768 px a standing 200 px menu
      // left the screens too narrow for My work's folders and the editor's diagram.
      navbar={{ width: 200, breakpoint: 'md', collapsed: { mobile: !opened, desktop: drawing && !opened } }}
      padding={0}
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              {...(drawing ? {} : { hiddenFrom: 'md' })}
              size="sm"
              aria-label="Open navigation"
              aria-expanded={opened}
            />
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
              onClick={askThenSignOut}
              data-testid="sign-out"
            >
              Sign out
            </Button>
            <SignOutReminder
              held={heldAtSignOut}
              onSignOut={() => void signOut()}
              onKeep={() => setHeldAtSignOut([])}
            />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="xs"
        aria-label="Main"
        style={drawing ? { boxShadow: 'var(--mantine-shadow-lg)' } : undefined}
      >
        {/* The entries scroll on a short window; who is signed in stays in view below them. */}
        <AppShell.Section grow component={ScrollArea} type="auto" offsetScrollbars>
          {sections.map((section) => (
            <Stack
              key={section.heading ?? 'work'}
              gap={2}
              mb="xs"
              role="group"
              aria-label={section.heading ?? 'Work'}
            >
              {section.heading && (
                <Text size="xs" fw={700} c="gray.7" tt="uppercase" px="sm" pt={4}>
                  {section.heading}
                </Text>
              )}
              {section.items.map((item) => (
                <NavLink
                  key={item.to}
                  component={RouterLink}
                  to={item.to}
                  label={item.label}
                  leftSection={item.icon}
                  active={isOpen(location.pathname, item.to)}
                  className={isOpen(location.pathname, item.to) ? 'pf-nav-active' : undefined}
                  fw={500}
                  py={6}
                  onClick={() => {
                    close();
                    // Tracking's numbers are asked for beside its code, not once the charts' code has come.
                    if (item.to === '/tracking' && !isOpen(location.pathname, item.to))
                      askForFirstView(client);
                  }}
                />
              ))}
            </Stack>
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <SignedInAs username={me.user.username} roles={me.user.roles} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main
        id={MAIN_ID}
        // Focused by the skip link only; it is no Tab stop of its own.
        tabIndex={-1}
        h="100dvh"
        // Over the editor the open menu takes no room from it; a click on the editor folds it.
        style={drawing ? { '--app-shell-navbar-offset': '0px' } : undefined}
        onPointerDown={drawing && opened ? close : undefined}
      >
        <ClinicGate>{children}</ClinicGate>
      </AppShell.Main>
    </AppShell>
  );
}

/** Whether the screen at `path` belongs to the entry at `to`: "/work" is not open on "/workflows". */
/** The product's name, the page title of screens outside the menu (and of the sign-in page). */
const PRODUCT = 'portalflow';

const isOpen = (path: string, to: string) => path === to || path.startsWith(`${to}/`);
