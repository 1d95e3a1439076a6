/**
 * Writes src/auth/common-passwords.txt: the passwords people pick most, which the password rule
 * refuses. Source: the ranked list of passwords from breach corpora that the zxcvbn-ts project ships
 * (`@zxcvbn-ts/language-common`, MIT, a pinned dev dependency), so the file can be rebuilt offline:
 *
 *   node --import tsx scripts/common-passwords.ts
 *
 * Kept: the 10,000 most common, plus every listed one of 12 characters or more (the only ones that
 * can pass the length rule as they are; the shorter ones matter with digits or symbols added).
 */
import { writeFileSync } from 'node:fs';
import { dictionary } from '@zxcvbn-ts/language-common';

const TOP = 10_000;
const ranked = (dictionary as Record<string, string[]>)['passwords-common'];
if (!ranked) throw new Error('@zxcvbn-ts/language-common has no passwords-common list');
const kept = new Set<string>();
ranked.forEach((password, rank) => {
  const p = password.normalize('NFKC').toLowerCase();
  if (rank < TOP || [...p].length >= 12) kept.add(p);
});
const target = new URL('../src/auth/common-passwords.txt', import.meta.url);
writeFileSync(target, `${[...kept].join('\n')}\n`);
process.stdout.write(`${kept.size} passwords written to ${target.pathname}\n`);
