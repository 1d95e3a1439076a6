import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HelpContent, openStore } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.ts';

/**
 * A demo database made by an older version: its help answers link to a placeholder video site
 * (videos.example.org), which newer seeds no longer write. Starting the demo again brings those
 * answers to what the seed writes now, and leaves alone any answer the clinic has edited since.
 */

const PLACEHOLDER = 'https://videos.example.org/riverside/';

/** As the older seed wrote them, word for word. */
const OLD_RESET_PASSWORD: HelpContent = {
  kind: 'howto',
  audience: 'patients',
  language: 'en',
  category: 'Signing in',
  title: 'Video: reset your password in 2 minutes',
  body: '1. Open the portal sign-in page.\n2. Choose **Forgot password**.\n3. Type your email and choose **Send**.\n4. Open the email from Riverside and choose the link.\n5. Make a new password with at least 12 characters.',
  tags: ['password', 'reset', 'video'],
  videoUrl: `${PLACEHOLDER}reset-password`,
};
const OLD_TABLET: HelpContent = {
  kind: 'howto',
  audience: 'staff',
  language: 'en',
  category: 'Enrollment',
  title: 'Enrolling a patient on the waiting-room tablet',
  body: '1. Confirm identity with photo ID.\n2. Open the enrollment app on the tablet and pick the patient.\n3. Email on file? Send the link. No email? Print an activation code.\n4. Stay while the patient makes a password.\n5. Record enrolled, declined (with reason) or code issued on the tracking sheet.',
  tags: ['enrollment', 'tablet', 'activation'],
  videoUrl: `${PLACEHOLDER}tablet-enrollment`,
};
const OLD_MESSAGE_ES: HelpContent = {
  kind: 'howto',
  audience: 'patients',
  language: 'es',
  category: 'Mensajes',
  title: 'Cómo mandar un mensaje a su equipo de salud',
  body: '1. Inicie sesión y elija **Mensajes**.\n2. Elija **Mensaje nuevo**.\n3. Escoja un tema: pregunta médica, resurtido, cita o factura.\n4. Escriba su pregunta y elija **Enviar**.\n\nLe llega un correo cuando le contestamos.',
  tags: ['mensaje', 'equipo de salud'],
  videoUrl: `${PLACEHOLDER}send-a-message-es`,
};

let dir: string;
let url: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(process.env.PORTALFLOW_TEST_TMPDIR ?? tmpdir(), 'portalflow-demo-help-'));
  url = `file:${join(dir, 'data', 'pf.db')}`;
  // The older seed's help site, published.
  const store = await openStore({ url });
  const at = '2026-10-01T12:00:00.000Z';
  await store.putHelpClinic({ slug: 'riverside', name: 'Riverside Community Health', at });
  for (const [name, content] of Object.entries({
    reset: OLD_RESET_PASSWORD,
    tablet: OLD_TABLET,
    message: OLD_MESSAGE_ES,
  })) {
    const entry = await store.createHelpEntry({ ...content, clinic: 'riverside', userId: null, at });
    if (!entry) throw new Error('not created');
    const published = await store.updateHelpEntry({
      id: entry.id,
      expectedRevision: entry.revision,
      patch: { status: 'published' },
      userId: null,
      at,
    });
    if (!published.ok) throw new Error('not published');
    ids[name] = entry.id;
  }
  // The clinic reworded one answer since, keeping the link.
  const message = await store.getHelpEntry(ids.message!);
  await store.updateHelpEntry({
    id: ids.message!,
    expectedRevision: message!.revision,
    patch: { body: `${OLD_MESSAGE_ES.body}\n\nTambién puede llamarnos.` },
    userId: null,
    at,
  });
  await store.close();
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function startAndStop() {
  const server = await startServer({ port: 0, databaseUrl: url, demo: true, quiet: true });
  await server.close();
}

async function entries() {
  const store = await openStore({ url });
  try {
    return Object.fromEntries(
      await Promise.all(Object.entries(ids).map(async ([name, id]) => [name, await store.getHelpEntry(id)])),
    );
  } finally {
    await store.close();
  }
}

describe('starting the demo on a database from an older version', () => {
  it('takes out the placeholder video links of answers as the old seed wrote them; an edited answer is left alone', async () => {
    const before = await entries();
    await startAndStop();
    const after = await entries();

    // As the seed writes it now: steps only, not promising a video it does not have.
    expect(after.reset).toMatchObject({
      title: 'Reset your password in 2 minutes',
      tags: ['password', 'reset'],
      videoUrl: null,
      body: OLD_RESET_PASSWORD.body,
      status: 'published',
    });
    expect(after.tablet).toMatchObject({ title: OLD_TABLET.title, videoUrl: null, status: 'published' });
    for (const name of ['reset', 'tablet']) expect(after[name]!.revision).toBe(before[name]!.revision + 1);

    // The clinic's own wording stays, link and all.
    expect(after.message).toEqual(before.message);

    // A second start finds nothing left to change.
    await startAndStop();
    expect(await entries()).toEqual(after);
  }, 180_000);
});
