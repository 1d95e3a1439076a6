import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer } from './support/server.ts';

const s = await startTestServer();
const b = await openBrowser();
b.page.on('console', (m) => console.log('console', m.type(), m.text()));
b.page.on('response', (r) => {
  if (r.url().includes('/api/'))
    console.log('resp', r.request().method(), r.url().replace(s.url, ''), r.status());
});
await signIn(b.page, s.url, 'triage-nurse', PASSWORD);
await b.page.reload();
await b.page.getByRole('button', { name: 'Sign out' }).waitFor();
await b.page.getByRole('button', { name: 'Sign out' }).click();
await new Promise((r) => setTimeout(r, 3000));
await b.page.screenshot({ path: '/tmp/after-signout.png' });
await b.close();
await s.stop();
