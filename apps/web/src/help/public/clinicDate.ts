/**
 * A moment as the day it was in the clinic, written out in the page's language: "7 de diciembre de
 * 2026", "December 7, 2026". The clinic's zone, not the phone's: a patient abroad (or a phone set to
 * another zone) would otherwise read the day before or after; and in full, since "7 dic" is read as a
 * typo by some and the month's name leaves no doubt about which number is the day.
 */
export function clinicDate(at: Date | string, lang: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', ...(timeZone ? { timeZone } : {}) }).format(
    new Date(at),
  );
}
