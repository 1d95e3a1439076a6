import { CliError, EXIT } from '../io.ts';

/**
 * `portalflow totp <setup key>`: the current six-digit code for an authenticator setup key, so the
 * demo's leads, admins and auditors can finish two-factor sign-in without a phone. It reads no
 * database: it is exactly what an authenticator app computes from the key shown at enrollment.
 */
export async function totpCommand(positionals: string[], options: { json: boolean }): Promise<number> {
  const [key] = positionals;
  if (!key || positionals.length > 1) throw new CliError('usage: portalflow totp <setup key>', EXIT.usage);
  const { totpCode } = await import('@portalflow/server');
  let code: string;
  try {
    code = totpCode(key.replace(/\s/g, ''), Date.now());
  } catch {
    throw new CliError('that is not a setup key (letters A–Z and digits 2–7)', EXIT.usage);
  }
  const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
  process.stdout.write(
    options.json ? `${JSON.stringify({ code, secondsLeft })}\n` : `${code} (valid for ${secondsLeft} s)\n`,
  );
  return EXIT.ok;
}
