/**
 * A moment as the day it was in the clinic, written out in the page's language: "7 de diciembre de
 * 2026", "December 7, 2026". The clinic's zone, not the phone's: a patient abroad (or a phone set to
 * another zone) would otherwise read the day before or after; and in full, since "7 dic" is read as a
 * typo by some and the month's name leaves no doubt about which number is the day.
 */
export function clinicDate(at: Date | string, lang: string, timeZone: string | undefined): string {
  const date = new Date(at);
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', ...(timeZone ? { timeZone } : {}) }).format(
      date,
    );
  } catch {
    // A zone this (older) browser does not know: the phone's day, rather than no page at all.
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(date);
  }
}
