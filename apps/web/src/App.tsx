import { Suspense } from 'react';
import { SignIn } from './auth/SignIn.tsx';
import { useMe } from './auth/useMe.ts';
import { ScreenBoundary } from './screens/ScreenBoundary.tsx';
import { AppLoading } from './screens/ScreenLoading.tsx';
import { preloadSignedIn, SignedInApp } from './screens/screens.ts';

/*
 * The entry holds only what the sign-in page needs. Everything behind sign-in is fetched once the
 * session is known, together with the person's first screen (no waterfall of one chunk after another).
 */
const loading = <AppLoading />;

export function App() {
  const me = useMe();
  const signedIn = !!me.data && (me.data.stage ?? 'full') === 'full';
  if (me.isPending) return loading;
  if (!me.data || !signedIn) return <SignIn me={me.data} />;
  preloadSignedIn(me.data.user.roles, window.location.pathname);
  return (
    <ScreenBoundary resetKey="app">
      <Suspense fallback={loading}>
        <SignedInApp me={me.data} />
      </Suspense>
    </ScreenBoundary>
  );
}
