/** Exit codes of the stable CLI contract. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A failure that ends the command with a message and an exit code, never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly code = 'USAGE',
  ) {
    super(message);
  }
}
