/** "1 step", "3 steps": a count with its noun in the right number (English; irregular plurals passed in). */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
