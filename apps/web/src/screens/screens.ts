import {
  type ComponentType,
  createElement,
  type LazyExoticComponent,
  lazy,
  type ReactNode,
  Suspense,
  useEffect,
  useState,
} from 'react';
import { clinicRoles, isAuditor, isLead } from '../auth/useMe.ts';
import { AppLoading, ScreenLoading } from './ScreenLoading.tsx';

/*
 * Every screen behind sign-in is its own chunk, fetched the first time it is opened: a receptionist
 * who only works the queue never downloads the editor (React Flow, ELK, BPMN), the audit replay or
 * the tracking charts.
 */

// biome-ignore lint/suspicious/noExplicitAny: each screen takes its own props; `lazy()` keeps them.
type AnyComponent = ComponentType<any>;

export type Screen<C extends AnyComponent> = C & {
  /** Starts fetching the screen's code (once; again after a failure). */
  preload(): Promise<unknown>;
};

/**
 * A module's named export (the screens are named exports) fetched on first use, plus a `preload()`.
 * Code already here (fetched ahead, or opened before) is drawn at once, with no loading state. Code
 * still on its way shows `fallback`, and the screen is drawn the moment it comes: by an update of
 * its own, since React holds back the reveal of a loading state (a "retry") until 300 ms after it
 * appeared, however soon the code came.
 */
function screen<M extends Record<K, AnyComponent>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
  fallback: () => ReactNode = () => createElement(ScreenLoading, { what: 'this screen' }),
): Screen<M[K]> {
  let loading: Promise<M> | undefined;
  let loaded: M | undefined;
  const preload = () => {
    loading ??= load().then(
      (module) => {
        loaded = module;
        return module;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  // Reports a failed fetch to the screen's error boundary (ScreenBoundary), as `lazy()` does.
  const Lazy: LazyExoticComponent<M[K]> = lazy(async () => ({ default: (await preload())[name] }));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per screen, at module level, never per render.
  function LazyScreen(props: object) {
    const [module, setModule] = useState(loaded);
    useEffect(() => {
      if (module) return;
      let shown = true;
      preload().then(
        (m) => shown && setModule(m),
        () => undefined,
      );
      return () => {
        shown = false;
      };
    }, [module]);
    const Loaded = (module ?? loaded)?.[name];
    if (Loaded) return createElement(Loaded, props);
    return createElement(Suspense, { fallback: fallback() }, createElement(Lazy as AnyComponent, props));
  }
  return Object.assign(LazyScreen, { preload }) as unknown as Screen<M[K]>;
}

/** Everything behind sign-in: the shell (navigation, live updates, toasts) and the routes. */
export const SignedInApp = screen(
  () => import('../SignedInApp.tsx'),
  'SignedInApp',
  () => createElement(AppLoading),
);

export const MyWorkPage = screen(() => import('../work/MyWorkPage.tsx'), 'MyWorkPage');
export const TeamPage = screen(() => import('../work/TeamPage.tsx'), 'TeamPage');
export const WorkflowsPage = screen(() => import('../editor/WorkflowsPage.tsx'), 'WorkflowsPage');
// The editor is the largest download (React Flow, ELK, BPMN): its own progress on first open.
export const EditorPage = screen(
  () => import('../editor/EditorPage.tsx'),
  'EditorPage',
  () => createElement(ScreenLoading, { what: 'the editor', bar: true }),
);
export const MigrationPage = screen(() => import('../migrate/MigrationPage.tsx'), 'MigrationPage');
export const AuditPage = screen(() => import('../audit/AuditPage.tsx'), 'AuditPage');
export const RolesPage = screen(() => import('../roles/RolesPage.tsx'), 'RolesPage');
export const RolePage = screen(() => import('../roles/RolePage.tsx'), 'RolePage');
export const MyRefresherPage = screen(() => import('../roles/MyRefresherPage.tsx'), 'MyRefresherPage');
export const RefreshersPage = screen(() => import('../roles/RefreshersPage.tsx'), 'RefreshersPage');
export const HandbookIndex = screen(() => import('../handbook/HandbookIndex.tsx'), 'HandbookIndex');
export const HandbookPage = screen(() => import('../handbook/HandbookPage.tsx'), 'HandbookPage');
export const FaqPage = screen(() => import('../help/FaqPage.tsx'), 'FaqPage');
export const TrackingPage = screen(() => import('../tracking/TrackingPage.tsx'), 'TrackingPage');
export const PracticePage = screen(() => import('../practice/PracticePage.tsx'), 'PracticePage');
export const TokensPage = screen(() => import('../tokens/TokensPage.tsx'), 'TokensPage');
export const IntakeKeysPage = screen(() => import('../intake/IntakeKeysPage.tsx'), 'IntakeKeysPage');
export const AccountsPage = screen(() => import('../accounts/AccountsPage.tsx'), 'AccountsPage');
export const EmailPreferencesPage = screen(
  () => import('../outbox/EmailPreferencesPage.tsx'),
  'EmailPreferencesPage',
);
export const OwnAccountPage = screen(() => import('../profile/OwnAccountPage.tsx'), 'OwnAccountPage');
export const BackupsPage = screen(() => import('../backups/BackupsPage.tsx'), 'BackupsPage');
export const WebhooksPage = screen(() => import('../outbox/WebhooksPage.tsx'), 'WebhooksPage');
export const ClinicHoursPage = screen(() => import('../clinic/ClinicHoursPage.tsx'), 'ClinicHoursPage');

/** Where a person lands after signing in. */
export function home(roles: string[]): string {
  if (clinicRoles(roles).length > 0) return '/work';
  if (isLead(roles)) return '/workflows';
  if (isAuditor(roles)) return '/audit';
  return '/work';
}

/**
 * Which screen a path opens (best effort; the routes decide), so its code is fetched early. Each
 * pattern ends at a whole part of the path: `/work` is not the start of `/workflows`.
 */
const BY_PATH: Array<[RegExp, Screen<AnyComponent>]> = [
  [/^\/work(?:\/|$)/, MyWorkPage],
  [/^\/team/, TeamPage],
  [/^\/workflows\/[^/]+\/migrate/, MigrationPage],
  [/^\/workflows\/[^/]+/, EditorPage],
  [/^\/workflows/, WorkflowsPage],
  [/^\/audit/, AuditPage],
  [/^\/roles\/[^/]+/, RolePage],
  [/^\/roles/, RolesPage],
  [/^\/refreshers/, RefreshersPage],
  [/^\/refresher/, MyRefresherPage],
  [/^\/handbook\/[^/]+/, HandbookPage],
  [/^\/handbook/, HandbookIndex],
  [/^\/faq/, FaqPage],
  [/^\/tracking/, TrackingPage],
  [/^\/practice/, PracticePage],
  [/^\/tokens/, TokensPage],
  [/^\/intake/, IntakeKeysPage],
  [/^\/accounts/, AccountsPage],
  [/^\/profile\/email/, EmailPreferencesPage],
  [/^\/profile\/account/, OwnAccountPage],
  [/^\/webhooks/, WebhooksPage],
  [/^\/backups/, BackupsPage],
  [/^\/clinic-hours/, ClinicHoursPage],
];

/** The screen that `path` (or, for any other path, the person's home) opens. */
export function screenFor(roles: string[], path: string): Screen<AnyComponent> | undefined {
  const match = (p: string) => BY_PATH.find(([pattern]) => pattern.test(p))?.[1];
  return match(path) ?? match(home(roles));
}

/**
 * Starts fetching the code behind sign-in and the screen `path` opens, all at once: called as soon
 * as the session is known (even before the app asks who is signed in), so no chunk waits for another.
 */
export function preloadSignedIn(roles: string[], path: string): void {
  void SignedInApp.preload().catch(() => undefined);
  void screenFor(roles, path)
    ?.preload()
    .catch(() => undefined);
}
