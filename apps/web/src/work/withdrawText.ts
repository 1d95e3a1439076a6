import { ApiError } from '../api/client.ts';

/**
 * What to tell whoever tried to withdraw a request and was refused. `late`: the request moved on
 * (someone acted on it, or it ended), so the way to withdraw it is no longer offered.
 */
export function notWithdrawnText(error: unknown): { title: string; message: string; late: boolean } {
  if (error instanceof ApiError && error.code === 'REQUEST_UNDER_WAY')
    return {
      title: 'Too late to withdraw',
      message: 'Someone has already started on it. Ask a lead to cancel it.',
      late: true,
    };
  return {
    title: 'Not withdrawn',
    message: error instanceof Error ? error.message : 'The request could not be withdrawn.',
    late: error instanceof ApiError && error.status === 409,
  };
}
