import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client.ts';
import { notWithdrawnText } from '../src/work/withdrawText.ts';

describe('a withdrawal refused', () => {
  it('says plainly when someone acted first, and what to do instead', () => {
    expect(
      notWithdrawnText(
        new ApiError(
          409,
          'REQUEST_UNDER_WAY',
          'Someone has already acted on this request: ask a lead to cancel it',
        ),
      ),
    ).toEqual({
      title: 'Too late to withdraw',
      message: 'Someone has already started on it. Ask a lead to cancel it.',
      late: true,
    });
  });

  it("gives any other refusal in the server's words", () => {
    expect(notWithdrawnText(new ApiError(409, 'INSTANCE_ENDED', 'This request has ended'))).toEqual({
      title: 'Not withdrawn',
      message: 'This request has ended',
      late: true,
    });
    expect(notWithdrawnText(new ApiError(403, 'FORBIDDEN', 'Only leads cancel requests'))).toEqual({
      title: 'Not withdrawn',
      message: 'Only leads cancel requests',
      late: false,
    });
    expect(notWithdrawnText('boom')).toEqual({
      title: 'Not withdrawn',
      message: 'The request could not be withdrawn.',
      late: false,
    });
  });
});
