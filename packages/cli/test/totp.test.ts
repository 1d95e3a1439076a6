import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { totpCode } from '@portalflow/server';
import { describe, expect, it } from 'vitest';
import { totpAnswer, totpText } from '../src/commands/totp.ts';
import { binArgs } from './support/bin.ts';

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [...binArgs, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** 2026-12-07 09:00:00 UTC: the start of a 30-second step. */
const STEP_START = Date.UTC(2026, 11, 7, 9, 0, 0);

describe('portalflow totp', () => {
  it('prints the code an authenticator app shows for the setup key', () => {
    const before = totpCode(KEY, Date.now());
    const r = cli('totp', KEY, '--json');
    const after = totpCode(KEY, Date.now());
    expect(r.code, r.err).toBe(0);
    const { code, secondsLeft } = JSON.parse(r.out);
    expect([before, after]).toContain(code);
    expect(secondsLeft).toBeGreaterThan(0);
    expect(secondsLeft).toBeLessThanOrEqual(30);
    // The words too: the code and how long it lasts, and the next code when that is short.
    const text = cli('totp', KEY);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^\d{6} \(valid for \d+ s\)\n(\d{6} \(the next code: .+\)\n)?$/);
  }, 30_000);

  it('loads only the code computation: no server, no engine, no database driver', () => {
    // It printed after 3 to 5 s when it loaded the whole server first, and gave codes "valid for 1 s".
    // How fast it answers is a figure, not a test; what it loads is the behaviour that keeps it fast.
    const staticImports = (file: string) =>
      [
        ...readFileSync(new URL(file, import.meta.url), 'utf8').matchAll(
          /^import\s[^;]*?from\s+'([^']+)'/gms,
        ),
      ].map((m) => m[1] ?? '');
    expect(staticImports('../src/main.ts').sort()).toEqual(['./exit.ts', 'node:util']);
    expect(staticImports('../src/commands/totp.ts').sort()).toEqual([
      '../exit.ts',
      '@portalflow/server/totp',
    ]);
    expect(staticImports('../../../apps/server/src/auth/totp.ts').every((m) => m.startsWith('node:'))).toBe(
      true,
    );
  });

  it('with a few seconds left on the code, prints the next one too, which sign-in takes already', () => {
    const plenty = totpAnswer(KEY, STEP_START + 10_000);
    expect(plenty).toEqual({ code: totpCode(KEY, STEP_START), secondsLeft: 20 });
    expect(totpText(plenty)).toBe(`${plenty.code} (valid for 20 s)\n`);

    const short = totpAnswer(KEY, STEP_START + 27_500);
    expect(short).toEqual({
      code: totpCode(KEY, STEP_START),
      secondsLeft: 3,
      next: { code: totpCode(KEY, STEP_START + 30_000), secondsLeft: 33 },
    });
    expect(totpText(short)).toBe(
      `${short.code} (valid for 3 s)\n${short.next!.code} (the next code: accepted from now, for 33 s)\n`,
    );
    // Five seconds is enough to type six digits: no next code yet.
    expect(totpAnswer(KEY, STEP_START + 25_000).next).toBeUndefined();
  });

  it('refuses something that is not a key, without a stack trace', () => {
    const r = cli('totp', 'not-a-key!');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/setup key/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(cli('totp').code).toBe(2);
  }, 30_000);
});
