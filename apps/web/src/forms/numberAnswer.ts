import { formatMoney } from '@portalflow/engine';

/**
 * A number typed into a step's form, read the way staff write one: `1,250.40`, and for an amount of
 * money `$1,250.40` or a credit `-75.00`. A comma only ever groups thousands. Anything that would need
 * a guess (`12,50`: twelve fifty, or 1,250?) is refused with what to type instead, never turned into
 * a different number; the input used to read `1,250.40` as 1.2504.
 */
export type NumberReading = { value: number } | { problem: string };

// Sign, dollar sign (either order), digits grouped by commas or not, then decimals after a point.
const TYPED = /^(-?)(\$?)\s*(-?)([\d,]*)(?:\.(\d*))?$/;
const GROUPED = /^\d{1,3}(,\d{3})*$/;

/**
 * What was typed, as a number or as what is wrong with it (said after the field's label); undefined when
 * empty. `wholeOnly`: a count (an age, months), which takes no fraction.
 */
export function readNumber(text: string, money: boolean, wholeOnly = false): NumberReading | undefined {
  const typed = text.trim().replace(/\u2212/g, '-');
  if (typed === '') return undefined;
  const notOne = { problem: money ? 'must be an amount such as 1,250.40' : 'must be a number' };
  const parts = TYPED.exec(typed);
  if (!parts) return notOne;
  const [, before, dollar, after, whole = '', decimals] = parts;
  if ((before && after) || (dollar && !money)) return notOne;
  if (whole === '' && !decimals) return notOne;
  if (whole.includes(',') && !GROUPED.test(whole))
    return {
      problem: money
        ? 'has a comma out of place: commas only group thousands, and cents go after a point, as in 1,250.40'
        : 'has a comma out of place: commas only group thousands, as in 1,250',
    };
  if (money && (decimals?.length ?? 0) > 2)
    return { problem: 'must be in dollars and cents, such as 1,250.40' };
  const value = Number(`${before || after}${whole.replace(/,/g, '') || '0'}.${decimals || '0'}`);
  if (!Number.isFinite(value)) return notOne;
  return wholeOnly && !Number.isInteger(value)
    ? { problem: 'must be a whole number, such as 12' }
    : { value };
}

/** A number as its input shows it once read: `$1,250.40` for money, `1,250.4` (every decimal kept) otherwise. */
export function showNumber(value: number, money: boolean): string {
  return money ? formatMoney(value) : value.toLocaleString('en-US', { maximumFractionDigits: 20 });
}
