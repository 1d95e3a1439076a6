/** The one error the model throws: a code and a message naming the offending id. */
export class ModelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function exhaustive(x: never): never {
  throw new ModelError('UNKNOWN_CHANGE', `Unknown change ${JSON.stringify(x)}`);
}
