/** What an admin reads before disabling someone: the work that goes back to the pools. */
export function heldTasksText(name: string, open: number): string {
  if (open === 0) return `${name} holds no open tasks.`;
  if (open === 1) return `${name} holds 1 open task; it goes back to its pool.`;
  return `${name} holds ${open} open tasks; they go back to their pools.`;
}

/** The toast after a disable: who, and how much work went back. */
export function disabledText(name: string, returned: number): string {
  const work =
    returned === 0
      ? 'no open tasks to return'
      : returned === 1
        ? '1 open task went back to its pool'
        : `${returned} open tasks went back to their pools`;
  return `${name} is disabled and signed out; ${work}.`;
}
