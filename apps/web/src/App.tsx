import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { SignIn } from './auth/SignIn.tsx';
import { useMe } from './auth/useMe.ts';
import { screenFor } from './screens/screens.ts';

/*
 * The entry holds only what the sign-in page needs. Everything behind sign-in is fetched once the
 * session is known, together with the person's first screen (no waterfall of one chunk after another).
 */
const loadSignedIn = () => import('./SignedInApp.tsx');
const SignedInApp = lazy(async () => ({ default: (await loadSignedIn()).SignedInApp }));

const loading = (
  <Center mih="100vh">
    <Loader role="status" aria-label="Loading" />
  </Center>
);

export function App() {
  const me = useMe();
  const signedIn = !!me.data && (me.data.stage ?? 'full') === 'full';
  if (me.isPending) return loading;
  if (!me.data || !signedIn) return <SignIn me={me.data} />;
  void screenFor(me.data.user.roles, window.location.pathname)?.preload();
  return (
    <Suspense fallback={loading}>
      <SignedInApp me={me.data} />
    </Suspense>
  );
}
