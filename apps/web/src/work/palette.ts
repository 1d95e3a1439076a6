/**
 * Text colours that keep AA contrast (≥ 4.5:1) on Mantine's light badge backgrounds. Mantine's
 * darkest orange (orange.9) reaches only ~3.6:1 there, so "due soon" and "high" use a deeper amber.
 */
export const AMBER_TEXT = '#8a3a00';
export const OVERDUE = 'red.9';
