import type { HelpContent, HelpEntry, HelpVideo, Store } from '@portalflow/store';
import { DEMO_HELP_CLINIC, DEMO_HELP_ENTRIES, type SeedVideo } from './help-content.ts';

const PLACEHOLDER = 'https://videos.example.org/riverside/';

/**
 * The demo answers that older versions wrote with a link to a placeholder video site, word for word.
 * The site never existed: a demo database made then showed patients and staff a dead link, and a
 * front desk working offline a link that cannot work. Only an answer still exactly like this is changed.
 */
const OLD_PLACEHOLDER_ANSWERS: HelpContent[] = [
  {
    kind: 'howto',
    audience: 'patients',
    language: 'en',
    category: 'Signing in',
    title: 'Video: reset your password in 2 minutes',
    body: '1. Open the portal sign-in page.\n2. Choose **Forgot password**.\n3. Type your email and choose **Send**.\n4. Open the email from Riverside and choose the link.\n5. Make a new password with at least 12 characters.',
    tags: ['password', 'reset', 'video'],
    videoUrl: `${PLACEHOLDER}reset-password`,
  },
  {
    kind: 'howto',
    audience: 'patients',
    language: 'en',
    category: 'Messages',
    title: 'How to send a message to your care team',
    body: '1. Sign in and choose **Messages**.\n2. Choose **New message**.\n3. Pick a topic: medical question, refill, appointment or billing.\n4. Write your question and choose **Send**.\n\nYou get an email when we answer.',
    tags: ['message', 'care team'],
    videoUrl: `${PLACEHOLDER}send-a-message`,
  },
  {
    kind: 'howto',
    audience: 'patients',
    language: 'es',
    category: 'Acceso',
    title: 'Video: cambie su contraseña en 2 minutos',
    body: '1. Abra la página de inicio de sesión del portal.\n2. Elija **Olvidé mi contraseña**.\n3. Escriba su correo y elija **Enviar**.\n4. Abra el correo de Riverside y elija el enlace.\n5. Haga una contraseña nueva de por lo menos 12 letras o números.',
    tags: ['contraseña', 'cambiar', 'video'],
    videoUrl: `${PLACEHOLDER}reset-password-es`,
  },
  {
    kind: 'howto',
    audience: 'patients',
    language: 'es',
    category: 'Mensajes',
    title: 'Cómo mandar un mensaje a su equipo de salud',
    body: '1. Inicie sesión y elija **Mensajes**.\n2. Elija **Mensaje nuevo**.\n3. Escoja un tema: pregunta médica, resurtido, cita o factura.\n4. Escriba su pregunta y elija **Enviar**.\n\nLe llega un correo cuando le contestamos.',
    tags: ['mensaje', 'equipo de salud'],
    videoUrl: `${PLACEHOLDER}send-a-message-es`,
  },
  {
    kind: 'howto',
    audience: 'staff',
    language: 'en',
    category: 'Enrollment',
    title: 'Enrolling a patient on the waiting-room tablet',
    body: '1. Confirm identity with photo ID.\n2. Open the enrollment app on the tablet and pick the patient.\n3. Email on file? Send the link. No email? Print an activation code.\n4. Stay while the patient makes a password.\n5. Record enrolled, declined (with reason) or code issued on the tracking sheet.',
    tags: ['enrollment', 'tablet', 'activation'],
    videoUrl: `${PLACEHOLDER}tablet-enrollment`,
  },
];

const FIELDS = ['kind', 'audience', 'language', 'category', 'title', 'body', 'tags', 'videoUrl'] as const;

const same = (entry: HelpEntry, old: HelpContent) =>
  entry.video === null && FIELDS.every((f) => JSON.stringify(entry[f]) === JSON.stringify(old[f]));

/** The answer as the seed writes it now: the same steps, in the same place. */
const seededNow = (old: HelpContent) =>
  DEMO_HELP_ENTRIES.find(
    (s) =>
      s.kind === old.kind &&
      s.audience === old.audience &&
      s.language === old.language &&
      s.category === old.category &&
      s.body === old.body,
  );

/**
 * On every demo start: an answer still exactly as an older seed wrote it with a placeholder video link
 * becomes what the seed writes now (its bundled clip where it has one, otherwise no video and no title
 * promising one). Each change is in the answer's history, made by no one (the system). Answers the
 * clinic edited, however slightly, are left as they are. Returns how many answers changed.
 */
export async function upgradeOldDemoHelp(
  store: Store,
  now: () => string,
  /** Copies a bundled clip into the media directory; none: no clip is attached. */
  bundled?: (clip: SeedVideo) => Promise<HelpVideo>,
): Promise<number> {
  let changed = 0;
  for (const entry of await store.listHelpEntries({ clinic: DEMO_HELP_CLINIC.slug })) {
    const old = OLD_PLACEHOLDER_ANSWERS.find((o) => same(entry, o));
    const seed = old && seededNow(old);
    if (!seed) continue;
    const result = await store.updateHelpEntry({
      id: entry.id,
      expectedRevision: entry.revision,
      patch: {
        title: seed.title,
        tags: seed.tags ?? [],
        videoUrl: seed.videoUrl ?? null,
        ...(seed.clip && bundled ? { video: await bundled(seed.clip) } : {}),
      },
      userId: null,
      at: now(),
    });
    // A conflict: someone saved it meanwhile, and what they saved stays.
    if (result.ok) changed++;
  }
  return changed;
}
