/**
 * Amounts of money in form fields (`"money": true`): US dollars, kept to the cent, written as staff
 * read them on a statement. Written here, not with `Intl`, so the engine, the server and every browser
 * say an amount the same way whatever their locale.
 */

/** `1250.4` → `$1,250.40`; `-75` → `-$75.00` (a credit). */
export function formatMoney(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const dollars = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = amount < 0 && cents > 0 ? '-' : '';
  return `${sign}$${dollars}.${String(cents % 100).padStart(2, '0')}`;
}

/** Whether an amount is whole cents: `1250.4` is, `1.2504` is not (the decimals of a misread comma). */
export function isWholeCents(amount: number): boolean {
  const cents = amount * 100;
  // Binary fractions: 1250.4 × 100 is 125040.00000000001, so "whole" allows the float's own error.
  return Math.abs(cents - Math.round(cents)) < 1e-9 * Math.max(1, Math.abs(cents));
}
