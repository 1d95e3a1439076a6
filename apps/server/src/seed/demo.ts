import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SIMULATION_START } from '@portalflow/engine';
import type { HelpVideo, Store } from '@portalflow/store';
import { hashPassword } from '../auth/password.ts';
import { passwordProblem } from '../auth/password-rule.ts';
import { sniffVideoType, storeVideo } from '../help/media.ts';
import type { InstanceService } from '../instances/service.ts';
import { seedDemoAttachments } from './demo-attachments.ts';
import { type DemoHistory, demoStories, inProgressStories, seedDemoHistory } from './demo-history.ts';
import { demoPersonName } from './demo-people.ts';
import { publishDemoWorkflows } from './demo-workflows.ts';
import { DEMO_HELP_CLINIC, DEMO_HELP_ENTRIES, type SeedVideo } from './help-content.ts';
import { englishOf, linkDemoTranslations } from './help-translations.ts';
import { upgradeOldDemoHelp } from './help-upgrade.ts';
import { dateFieldsOf, shiftDates, storyDayShift } from './story-dates.ts';

export interface DemoSeed {
  /** Set when the demo users were created now (a generated password is shown only then). */
  password?: string;
  generated: boolean;
  users: string[];
  published: string[];
  instances: number;
  /** Help entries written now (none when the demo clinic already has a help site). */
  helpEntries: number;
  /**
   * The demo clinic's help changed on this start (written, upgraded or its translations linked): the
   * start announces it as an edit is, so other processes on the database forget the help they kept.
   */
  helpChanged: boolean;
  /** Last week's finished requests, written with the first seed only. */
  history?: DemoHistory;
  /** Statements attached to today's open billing questions (first seed only). */
  attachments: number;
}

/**
 * `serve --demo`: publishes the bundled workflows, creates the demo users (admin, lead, auditor and
 * one per clinic role, named after the role id), records a past week of finished requests (Tracking and
 * Audit have work to show) and starts a few instances so queues are not empty.
 * Safe to run on every start: what exists is left alone, but for a bundled workflow the demo still
 * has as the seed published it, which is published again when this release changed it (demo-workflows.ts).
 */
export async function seedDemo(
  store: Store,
  instances: InstanceService,
  now: () => string,
  passwordFromEnv?: string,
  calendar?: unknown,
  /** Where help videos are kept; the demo's clip is copied there. None: entries get no clip. */
  mediaDir?: string,
  /** Where attached files are kept; the open billing questions get their statement. None: no files. */
  attachmentsDir?: string,
): Promise<DemoSeed> {
  // Loaded here, not at the top: only the demo needs the bundled examples.
  const { clinicCalendar, roleCatalog, workflows } = await import('@portalflow/examples');
  const generated = passwordFromEnv === undefined || passwordFromEnv === '';
  const wanted: Array<{ username: string; displayName: string; roles: string[] }> = [
    { username: 'admin', displayName: demoPersonName('admin', 'Clinic admin'), roles: ['admin'] },
    { username: 'lead', displayName: demoPersonName('lead', 'Operations lead'), roles: ['designer'] },
    { username: 'auditor', displayName: demoPersonName('auditor', 'Compliance auditor'), roles: ['auditor'] },
    ...(roleCatalog as Array<{ id: string; name: string }>).map((r) => ({
      username: r.id,
      displayName: demoPersonName(r.id, r.name),
      roles: [r.id],
    })),
  ];
  // The demo password obeys the password rule like any other, for every demo username; a weak one
  // stops the seed before anything is written.
  const usernames = wanted.map((u) => u.username);
  let password = passwordFromEnv ?? '';
  if (generated) {
    do password = randomBytes(12).toString('base64url');
    while (passwordProblem(password, usernames) !== null);
  } else {
    const problem = passwordProblem(password, usernames);
    if (problem)
      throw Object.assign(
        new Error(
          `PORTALFLOW_DEMO_PASSWORD is too weak: ${problem}. Choose another, or leave it unset for a generated one.`,
        ),
        { code: 'PASSWORD_TOO_WEAK' },
      );
  }
  const published = await publishDemoWorkflows(store, workflows, now);

  const users: string[] = [];
  // Hashed only when someone is to be created: a restart finds everyone there and skips scrypt's ~0.1 s.
  let hash: Promise<string> | undefined;
  for (const u of wanted) {
    if (await store.findUserByUsername(u.username)) continue;
    hash ??= hashPassword(password);
    const created = await store.createUser({
      username: u.username,
      passwordHash: await hash,
      displayName: u.displayName,
      roles: u.roles,
      at: now(),
    });
    if (created.ok) users.push(u.username);
  }

  let started = 0;
  let history: DemoHistory | undefined;
  const existing = await store.listInstances({ limit: 1 });
  if (existing.items.length === 0) {
    // Last week's finished work first (its times are all before now), then today's open requests.
    history = await seedDemoHistory(
      store,
      instances,
      demoStories(workflows),
      calendar ?? clinicCalendar,
      now(),
      inProgressStories(workflows),
    );
    for (const example of workflows) {
      const latest = await store.getVersion(example.id);
      const definition = latest ? await instances.definition(latest.definitionId, latest.version) : null;
      // Started by the role that takes such requests (the front desk for an appointment), as at the clinic.
      const role = definition?.intake?.roles?.[0] ?? null;
      const starter =
        (role && (await store.findUserByUsername(role))) || (await store.findUserByUsername('lead'));
      for (const script of example.scripts.slice(0, 2)) {
        const first = script.events[0] as { type?: string; data?: Record<string, unknown> } | undefined;
        const written = first?.type === 'start' && first.data ? first.data : {};
        // Dates in the start data move with the story, as in the past week's (see story-dates.ts).
        const data = definition
          ? shiftDates(written, dateFieldsOf(definition), storyDayShift(DEFAULT_SIMULATION_START, now()))
          : written;
        await instances.start(
          {
            user: starter
              ? {
                  id: starter.id,
                  username: starter.username,
                  displayName: starter.displayName,
                  roles: starter.roles,
                  via: 'token',
                }
              : null,
            role: starter && role && starter.roles.includes(role) ? role : null,
          },
          { definitionId: example.id, data, calendar: calendar ?? clinicCalendar },
        );
        started++;
      }
    }
  }
  const attachments = history && attachmentsDir ? await seedDemoAttachments(store, attachmentsDir) : 0;
  const { written: helpEntries, changed: helpChanged } = await seedHelp(store, now, mediaDir);
  const seed: DemoSeed = {
    generated,
    users,
    published,
    instances: started,
    helpEntries,
    helpChanged,
    attachments,
  };
  if (history) seed.history = history;
  if (users.length > 0) seed.password = password;
  return seed;
}

/**
 * The demo clinic's help site, written and published by the portal enrollment specialist: how many
 * entries were written, and whether the help changed at all.
 */
async function seedHelp(
  store: Store,
  now: () => string,
  mediaDir?: string,
): Promise<{ written: number; changed: boolean }> {
  if (await store.getHelpClinic(DEMO_HELP_CLINIC.slug)) {
    // A demo database from an older version: its untouched answers lose their placeholder links.
    const upgraded = await upgradeOldDemoHelp(
      store,
      now,
      mediaDir ? (clip) => demoVideo(clip, mediaDir) : undefined,
    );
    const linked = await linkDemoTranslations(store, now);
    return { written: 0, changed: upgraded + linked > 0 };
  }
  await store.putHelpClinic({ ...DEMO_HELP_CLINIC, at: now() });
  const author = (await store.findUserByUsername('portal-enrollment-specialist'))?.id ?? null;
  let written = 0;
  // English answers come first in the seed: each Spanish one is linked to its English one as written.
  const english = new Map<string, string>();
  for (const { draft, videoUrl, tags, clip, ...content } of DEMO_HELP_ENTRIES) {
    const twin = content.language === 'es' ? englishOf(content.title) : undefined;
    const entry = await store.createHelpEntry({
      ...content,
      translationOf: (twin && english.get(twin)) ?? null,
      tags: tags ?? [],
      videoUrl: videoUrl ?? null,
      video: clip && mediaDir ? await demoVideo(clip, mediaDir) : null,
      clinic: DEMO_HELP_CLINIC.slug,
      userId: author,
      at: now(),
    });
    if (!entry) continue;
    if (entry.language === 'en' && entry.audience === 'patients') english.set(entry.title, entry.id);
    written++;
    if (!draft)
      await store.updateHelpEntry({
        id: entry.id,
        expectedRevision: entry.revision,
        patch: { status: 'published' },
        userId: author,
        at: now(),
      });
  }
  return { written, changed: true };
}

/** Copies a demo clip into the media directory (by its hash) and reads its captions. */
async function demoVideo(clip: SeedVideo, mediaDir: string): Promise<HelpVideo> {
  const { helpMediaDir } = await import('@portalflow/examples');
  const bytes = new Uint8Array(await readFile(join(helpMediaDir, clip.file)));
  const { sha256 } = await storeVideo(mediaDir, bytes);
  const captions = await Promise.all(
    Object.entries(clip.captions).map(async ([language, file]) => ({
      language,
      vtt: await readFile(join(helpMediaDir, file), 'utf8'),
    })),
  );
  return { sha256, type: sniffVideoType(bytes) ?? 'video/webm', bytes: bytes.length, captions };
}
