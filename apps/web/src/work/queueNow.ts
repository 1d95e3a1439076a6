/**
 * The time My work's folders are counted at: the screen's clock ticks every half minute, but a task
 * that arrives already late (escalated because its deadline passed) is overdue as of the read that
 * brought it, so Overdue counts it with the pool that shows it instead of at the next tick.
 */
export const queueNow = (tick: number, readAt: number): number => Math.max(tick, readAt);
