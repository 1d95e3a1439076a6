import { createServer, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The clinic's IT contact checks the integrations from the Webhooks page without waiting for real
 * work: "Send a test email" reaches a real mail server (or says why not, with its code), and "Send test
 * event" reaches a real receiver, numbered and shown in the subscription's health.
 */

let server: TestServer;
const hooks: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => {
    body += c.toString('utf8');
  });
  req.on('end', () => {
    hooks.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});
/** Recipients the mail server took, from a minimal SMTP conversation on a real socket. */
const mails: string[] = [];
const smtp = createNetServer((socket) => {
  let inData = false;
  let buffered = '';
  socket.write('220 test-mail ESMTP\r\n');
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let end = buffered.indexOf('\r\n');
    while (end >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      end = buffered.indexOf('\r\n');
      if (inData) {
        if (line === '.') {
          inData = false;
          socket.write('250 taken\r\n');
        }
        continue;
      }
      const command = line.slice(0, 4).toUpperCase();
      if (command === 'EHLO' || command === 'HELO') socket.write('250 test-mail\r\n');
      else if (command === 'RCPT') {
        mails.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
        socket.write('250 ok\r\n');
      } else if (command === 'DATA') {
        inData = true;
        socket.write('354 go on\r\n');
      } else if (command === 'QUIT') socket.end('221 bye\r\n');
      else socket.write('250 ok\r\n');
    }
  });
});
let receiverUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const smtpPort = (smtp.address() as AddressInfo).port;
  // The receiver and the mail server listen on this machine (loopback): webhooks go there only when allowed.
  server = await startTestServer({
    PORTALFLOW_WEBHOOK_ALLOW_PRIVATE: '1',
    PORTALFLOW_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  });
});
afterAll(async () => {
  await server?.stop();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('test sends on the Webhooks page', () => {
  it('sends a test email to an address typed, and a test event to a subscription, and says how each went', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.goto(`${server.url}/webhooks`);
      await page.getByTestId('webhooks-page').waitFor();

      await page.getByTestId('test-email-to').fill('it@clinic.example');
      await page.getByTestId('test-email-send').click();
      const emailResult = page.getByTestId('test-email-result');
      await emailResult.getByText('Test email sent').waitFor();
      expect(await emailResult.textContent()).toContain('it@clinic.example');
      expect(mails).toContain('it@clinic.example');

      await page.getByTestId('webhook-url').fill(receiverUrl);
      await page.getByTestId('webhook-create').click();
      const row = page.getByTestId('webhook-row').filter({ hasText: receiverUrl });
      await row.getByTestId('webhook-test').click();
      await row.getByTestId('webhook-test-result').getByText('Test event delivered (number 1).').waitFor();
      expect(hooks).toHaveLength(1);
      expect(JSON.parse(hooks[0]!.body)).toMatchObject({ type: 'portalflow.test', sequence: 1 });
      expect(hooks[0]!.headers['webhook-sequence']).toBe('1');
      await expect(row.getByTestId('webhook-health').textContent()).resolves.toMatch(/Last delivered/);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
