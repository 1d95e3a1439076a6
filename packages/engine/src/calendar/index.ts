export type { Duration } from '../duration.ts';
export { addWallDuration, durationMs, formatDuration, parseDuration, toDuration } from '../duration.ts';
export { addBusinessDuration, DEFAULT_CALENDAR, dueTime, isOpen, nextOpening } from './business.ts';
export { formatInstant, parseInstant } from './civil.ts';
export { clinicDay } from './clinic-day.ts';
export { CalendarSchema, parseCalendar } from './schema.ts';
export type { Calendar, Weekday } from './types.ts';
export { fromWall, isValidTimeZone, offsetAt, toWall } from './zone.ts';
