// Only the code computation, not the server's entry: loading the whole server took seconds.
import { TOTP_STEP_SECONDS, totpCode } from '@portalflow/server/totp';
import { CliError, EXIT } from '../exit.ts';

/** Fewer seconds than this left on a code are too few to type it: the next code is printed too. */
export const TYPING_SECONDS = 5;

export interface TotpAnswer {
  code: string;
  secondsLeft: number;
  /** When the code is about to change: the next one (sign-in takes it already, one step of drift). */
  next?: { code: string; secondsLeft: number };
}

/** The code for `key` at `nowMs`, and the next one when this one has fewer than `TYPING_SECONDS` left. */
export function totpAnswer(key: string, nowMs: number): TotpAnswer {
  const code = totpCode(key, nowMs);
  const secondsLeft = TOTP_STEP_SECONDS - (Math.floor(nowMs / 1000) % TOTP_STEP_SECONDS);
  if (secondsLeft >= TYPING_SECONDS) return { code, secondsLeft };
  const next = totpCode(key, nowMs + TOTP_STEP_SECONDS * 1000);
  return { code, secondsLeft, next: { code: next, secondsLeft: secondsLeft + TOTP_STEP_SECONDS } };
}

export function totpText(answer: TotpAnswer): string {
  const now = `${answer.code} (valid for ${answer.secondsLeft} s)\n`;
  if (!answer.next) return now;
  return `${now}${answer.next.code} (the next code: accepted from now, for ${answer.next.secondsLeft} s)\n`;
}

/**
 * `portalflow totp <setup key>`: the current six-digit code for an authenticator setup key, so the
 * demo's leads, admins and auditors can finish two-factor sign-in without a phone. It reads no
 * database: it is exactly what an authenticator app computes from the key shown at enrollment.
 */
export async function totpCommand(positionals: string[], options: { json: boolean }): Promise<number> {
  const [key] = positionals;
  if (!key || positionals.length > 1) throw new CliError('usage: portalflow totp <setup key>', EXIT.usage);
  let answer: TotpAnswer;
  try {
    answer = totpAnswer(key.replace(/\s/g, ''), Date.now());
  } catch {
    throw new CliError('that is not a setup key (letters A–Z and digits 2–7)', EXIT.usage);
  }
  process.stdout.write(options.json ? `${JSON.stringify(answer)}\n` : totpText(answer));
  return EXIT.ok;
}
