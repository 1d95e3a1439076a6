import type { SheetColumn } from '@portalflow/contract';

/**
 * Hours as staff say a span of time: "40 min", "2 h 15 min", "1 d 22 h" (a day is 24 hours of clock
 * time). The sheet keeps decimal hours for spreadsheets; "0.67 h" on screen made people do arithmetic.
 */
export function hoursAsDuration(value: number | string): string {
  if (typeof value !== 'number') return value;
  const minutes = Math.round(value * 60);
  if (minutes === 0) return value > 0 ? 'under 1 min' : '0 min';
  const days = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (days > 0) {
    // Past a day the minutes say nothing: rounded to the hour.
    const hoursLeft = Math.round((minutes % 1440) / 60);
    if (hoursLeft === 24) return `${days + 1} d`;
    return hoursLeft > 0 ? `${days} d ${hoursLeft} h` : `${days} d`;
  }
  if (h === 0) return `${m} min`;
  return m > 0 ? `${h} h ${m} min` : `${h} h`;
}

/** A time scale's tick: as `hoursAsDuration`, with its zero a plain "0". */
export const axisDuration = (hours: number): string => (hours === 0 ? '0' : hoursAsDuration(hours));

/** A column's heading on screen: a time column's cells carry their units, so its "(h)" goes. */
export const columnHeading = (c: SheetColumn): string =>
  c.unit === 'hours' ? c.label.replace(/\s*\(h\)$/, '') : c.label;
