/** Badge colours with at least 4.5:1 contrast on white (Mantine's orange 9 is only 4.3:1). */
export const TODO_COLOR = '#9c3d0a';
export const DONE_COLOR = 'teal.9';
export const NEUTRAL_COLOR = 'gray.8';
