import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clinicCalendar } from '@portalflow/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicSettingsError, clinicSettings } from '../src/clinic/settings.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { makeApp, type TestApp } from './support/app.ts';

/** The clinic's name, calendar and time zone come from configuration and reach the web through GET /api/config. */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pf-clinic-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const lisbon = {
  timeZone: 'Europe/Lisbon',
  hours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']] },
  holidays: ['2026-06-10'],
};

describe('clinic settings from the environment', () => {
  it('reads PORTALFLOW_CALENDAR and PORTALFLOW_CLINIC_NAME', async () => {
    const file = join(dir, 'lisbon.json');
    await writeFile(file, JSON.stringify(lisbon));
    const settings = await clinicSettings({
      demo: false,
      env: { PORTALFLOW_CALENDAR: file, PORTALFLOW_CLINIC_NAME: 'Clínica do Rio' },
    });
    expect(settings).toEqual({
      name: 'Clínica do Rio',
      calendar: lisbon,
      holidayNames: {},
      holidayNamesIn: {},
    });
  });

  it('keeps the names of closed days apart from the calendar the engine reads', async () => {
    const file = join(dir, 'named.json');
    await writeFile(file, JSON.stringify({ ...lisbon, holidayNames: { '2026-06-10': 'Dia de Portugal' } }));
    const settings = await clinicSettings({ demo: false, env: { PORTALFLOW_CALENDAR: file } });
    expect(settings.calendar).toEqual(lisbon);
    expect(settings.holidayNames).toEqual({ '2026-06-10': 'Dia de Portugal' });
    const demo = await clinicSettings({ demo: true, env: {} });
    expect(demo.holidayNames['2026-11-26']).toBe('Thanksgiving');
    // Every demo closed day has a name, and every name is a closed day.
    expect(Object.keys(demo.holidayNames).sort()).toEqual([...(demo.calendar.holidays ?? [])].sort());
  });

  it('reads the names of closed days in the patients’ other languages from the same file', async () => {
    const file = join(dir, 'named-es.json');
    const holidayNamesIn = {
      es: { '2026-06-10': 'Día de Portugal' },
      pt: { '2026-06-10': 'Dia de Portugal' },
    };
    await writeFile(
      file,
      JSON.stringify({ ...lisbon, holidayNames: { '2026-06-10': 'Portugal Day' }, holidayNamesIn }),
    );
    const settings = await clinicSettings({ demo: false, env: { PORTALFLOW_CALENDAR: file } });
    expect(settings.calendar).toEqual(lisbon);
    expect(settings.holidayNames).toEqual({ '2026-06-10': 'Portugal Day' });
    expect(settings.holidayNamesIn).toEqual(holidayNamesIn);
  });

  it('PORTALFLOW_TIME_ZONE replaces the calendar’s time zone', async () => {
    const settings = await clinicSettings({ demo: true, env: { PORTALFLOW_TIME_ZONE: 'America/Chicago' } });
    expect(settings.calendar.timeZone).toBe('America/Chicago');
    expect(settings.calendar.holidays).toEqual((clinicCalendar as { holidays: string[] }).holidays);
  });

  it('uses the demo calendar only under --demo, else weekdays in UTC', async () => {
    expect((await clinicSettings({ demo: true, env: {} })).calendar).toEqual(clinicCalendar);
    expect((await clinicSettings({ demo: true, env: {} })).name).toBe('Riverside Community Health');
    const plain = await clinicSettings({ demo: false, env: {} });
    expect(plain.calendar.timeZone).toBe('UTC');
    expect(plain.name).toBe('Clinic');
  });

  it('refuses a missing file, bad JSON, an invalid calendar or an unknown zone, naming the variable', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{ not json');
    const invalid = join(dir, 'invalid.json');
    await writeFile(invalid, JSON.stringify({ timeZone: 'UTC', hours: {} }));
    const badNames = join(dir, 'bad-names.json');
    await writeFile(badNames, JSON.stringify({ ...lisbon, holidayNames: ['2026-06-10'] }));
    const badNamesIn = join(dir, 'bad-names-in.json');
    await writeFile(badNamesIn, JSON.stringify({ ...lisbon, holidayNamesIn: { es: ['2026-06-10'] } }));
    const badLanguage = join(dir, 'bad-language.json');
    await writeFile(
      badLanguage,
      JSON.stringify({ ...lisbon, holidayNamesIn: { Spanish: { '2026-06-10': 'Día de Portugal' } } }),
    );
    const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
      [
        { PORTALFLOW_CALENDAR: join(dir, 'missing.json') },
        /PORTALFLOW_CALENDAR .*cannot read the file \(ENOENT\)/,
      ],
      [{ PORTALFLOW_CALENDAR: bad }, /PORTALFLOW_CALENDAR .*not JSON/],
      [{ PORTALFLOW_CALENDAR: invalid }, /PORTALFLOW_CALENDAR .*never open/],
      [{ PORTALFLOW_TIME_ZONE: 'Mars/Olympus' }, /PORTALFLOW_TIME_ZONE=Mars\/Olympus.*time zone/],
      [{ PORTALFLOW_CALENDAR: badNames }, /PORTALFLOW_CALENDAR .*holidayNames must map dates/],
      [{ PORTALFLOW_CALENDAR: badNamesIn }, /PORTALFLOW_CALENDAR .*holidayNamesIn\.es must map dates/],
      [
        { PORTALFLOW_CALENDAR: badLanguage },
        /PORTALFLOW_CALENDAR .*holidayNamesIn.*"Spanish" is not a language code/,
      ],
    ];
    for (const [env, message] of cases) {
      const error = await clinicSettings({ demo: false, env }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClinicSettingsError);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('GET /api/config', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ publish: false, calendar: lisbon });
  });
  afterAll(() => t?.close());

  it('needs a signed-in caller', async () => {
    expect((await t.call('GET', '/api/config')).status).toBe(401);
  });

  it('gives every signed-in role the clinic name, time zone, clock and calendar', async () => {
    for (const who of ['triage-nurse', 'auditor', 'lead']) {
      const res = await t.call('GET', '/api/config', { as: await t.token(who) });
      expect(res.status, who).toBe(200);
      expect(res.body, who).toEqual({
        clinic: { name: 'Clinic' },
        timeZone: 'Europe/Lisbon',
        // Until an admin chooses the 24-hour clock with the clinic hours.
        clock: '12-hour',
        calendar: lisbon,
        closures: [],
        attachmentMaxBytes: 10 * 1024 * 1024,
      });
    }
  });
});

describe('a server started with a configured calendar', () => {
  let running: RunningServer;
  beforeAll(async () => {
    const file = join(dir, 'server-calendar.json');
    await writeFile(file, JSON.stringify(lisbon));
    process.env.PORTALFLOW_CALENDAR = file;
    process.env.PORTALFLOW_CLINIC_NAME = 'Clínica do Rio';
    running = await startServer({ port: 0, databaseUrl: `file:${join(dir, 'server.db')}`, quiet: true });
  }, 60_000);
  afterAll(async () => {
    delete process.env.PORTALFLOW_CALENDAR;
    delete process.env.PORTALFLOW_CLINIC_NAME;
    await running?.close();
  });

  it('runs on that calendar and name, and serves them only behind sign-in, on a real listener', async () => {
    expect(running.deps.calendar).toEqual(lisbon);
    expect(running.deps.clinicName).toBe('Clínica do Rio');
    const anonymous = await fetch(`${running.url}/api/config`);
    expect(anonymous.status).toBe(401);
  });

  it('tells the sign-in page, before anyone signs in, the clinic’s name and that this is no demo', async () => {
    const page = await fetch(`${running.url}/api/sign-in-page`);
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ clinic: { name: 'Clínica do Rio' }, demo: false });
  });

  it('does not start on a bad calendar, before touching the database', async () => {
    process.env.PORTALFLOW_TIME_ZONE = 'Nowhere/Atlantis';
    const db = join(dir, 'never.db');
    const error = await startServer({ port: 0, databaseUrl: `file:${db}`, quiet: true }).catch(
      (e: unknown) => e,
    );
    delete process.env.PORTALFLOW_TIME_ZONE;
    expect(error).toBeInstanceOf(ClinicSettingsError);
    expect(existsSync(db)).toBe(false);
  });
});

describe('a server whose calendar file names its closed days in Spanish', () => {
  let running: RunningServer;
  // A closed day in the coming week, so the patients' page lists it whatever day the test runs.
  const closed = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  beforeAll(async () => {
    const file = join(dir, 'spanish-names.json');
    await writeFile(
      file,
      JSON.stringify({
        ...lisbon,
        holidays: [closed],
        holidayNames: { [closed]: 'Staff training day' },
        holidayNamesIn: { es: { [closed]: 'Día de formación del personal' } },
      }),
    );
    process.env.PORTALFLOW_CALENDAR = file;
    running = await startServer({ port: 0, databaseUrl: `file:${join(dir, 'spanish.db')}`, quiet: true });
    await running.deps.store.putHelpClinic({ slug: 'lisboa', name: 'Clínica de Lisboa' });
  }, 60_000);
  afterAll(async () => {
    delete process.env.PORTALFLOW_CALENDAR;
    await running?.close();
  });

  it('shows patients reading in Spanish the Spanish name, and the staff name otherwise', async () => {
    const hours = async (query: string) => {
      const res = await fetch(`${running.url}/api/public/help/lisboa/hours${query}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { closures: unknown[] }).closures;
    };
    expect(await hours('?lang=es')).toEqual([
      { date: closed, name: 'Día de formación del personal', lang: 'es' },
    ]);
    expect(await hours('')).toEqual([{ date: closed, name: 'Staff training day' }]);
  });
});
