/** Clinic opening hours as data. Times are local wall-clock times in `timeZone`. */
export interface Calendar {
  /** IANA time zone, e.g. `America/Denver`. */
  timeZone: string;
  /** Opening intervals per weekday (`mon`…`sun`), each `["08:00","17:00"]`; a missing or empty day is closed. */
  hours: Partial<Record<Weekday, Array<[string, string]>>>;
  /** Closed dates (`YYYY-MM-DD`, local). */
  holidays?: string[];
}
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
