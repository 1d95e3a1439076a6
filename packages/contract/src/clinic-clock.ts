import type { ClinicClock } from './clinic-config.ts';

/**
 * The clock a clinic gets until an admin chooses otherwise (a US clinic reads the 12-hour clock).
 * Apart from the schemas so the sign-in page can format times without loading zod.
 */
export const DEFAULT_CLINIC_CLOCK: ClinicClock = '12-hour';
