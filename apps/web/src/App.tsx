import { Suspense, useState } from 'react';
import { SetPasswordSignedIn } from './auth/SetPasswordSignedIn.tsx';
import { SignIn } from './auth/SignIn.tsx';
import { takeSetPasswordLink } from './auth/setPasswordLink.ts';
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
  // Read once, whoever is signed in: an emailed set-password link always opens its form.
  const [link, setLink] = useState(takeSetPasswordLink);
  const [passwordSetFor, setPasswordSetFor] = useState<string | null>(null);
  const signedIn = !!me.data && (me.data.stage ?? 'full') === 'full';
  if (me.isPending) return loading;
  if (!me.data || !signedIn)
    return (
      <SignIn me={me.data} link={link} onLinkTaken={() => setLink(null)} passwordSetFor={passwordSetFor} />
    );
  if (link)
    return (
      <SetPasswordSignedIn
        me={me.data}
        link={link}
        onDone={(username) => {
          setLink(null);
          setPasswordSetFor(username);
        }}
        onKeep={() => setLink(null)}
      />
    );
  preloadSignedIn(me.data.user.roles, window.location.pathname);
  return (
    <ScreenBoundary resetKey="app">
      <Suspense fallback={loading}>
        <SignedInApp me={me.data} />
      </Suspense>
    </ScreenBoundary>
  );
}
