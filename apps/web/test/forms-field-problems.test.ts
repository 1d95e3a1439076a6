import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client.ts';
import { fieldProblem, fieldProblems, refusalOf } from '../src/forms/fieldProblems.ts';

/** A refused body as the server answers it (apps/server/src/http/validate.ts). */
const refused = (...fields: Array<{ path: string; field: string; message: string }>) =>
  new ApiError(
    400,
    'VALIDATION_FAILED',
    fields[0]?.message ?? 'Request body: is not accepted',
    undefined,
    fields,
  );

describe('the server’s refusal, by field', () => {
  it('keys each problem by its path in the body, worded for under the field', () => {
    const error = refused(
      { path: 'name', field: 'Name', message: 'Name: must not be empty' },
      {
        path: 'days.2.opens',
        field: 'Days › item 3 › opens',
        message: 'Days › item 3 › opens: must be a time',
      },
      { path: 'name', field: 'Name', message: 'Name: a second problem, not said' },
    );
    expect(fieldProblems(error)).toEqual({ name: 'Must not be empty', 'days.2.opens': 'Must be a time' });
    expect(fieldProblem(error, 'name')).toBe('Must not be empty');
    expect(fieldProblem(error, 'url')).toBeUndefined();
  });

  it('keeps a message that does not start with the field’s name whole', () => {
    const error = refused({ path: 'url', field: 'Receiver URL', message: 'must be a web address' });
    expect(fieldProblems(error)).toEqual({ url: 'Must be a web address' });
  });

  it('reads a workflow form’s problems by field id, as whole sentences', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Pharmacy is required', {
      fields: [
        { field: 'pharmacy', message: 'Pharmacy is required' },
        { field: 'pharmacy', message: 'not said twice' },
        { field: 7, message: 'not a field' },
      ],
    });
    expect(fieldProblems(error)).toEqual({ pharmacy: 'Pharmacy is required' });
    const task = new ApiError(422, 'FORM_INVALID', 'The form is not complete', {
      fields: [{ field: 'topic', message: 'Topic is required' }],
    });
    expect(fieldProblems(task)).toEqual({ topic: 'Topic is required' });
  });

  it('is null when no field is named', () => {
    expect(fieldProblems(new ApiError(409, 'USERNAME_TAKEN', 'That username is taken'))).toBeNull();
    expect(
      fieldProblems(refused({ path: '', field: 'Request body', message: 'Request body: too deep' })),
    ).toBeNull();
    expect(fieldProblems(new Error('offline'))).toBeNull();
    expect(fieldProblems(undefined)).toBeNull();
  });
});

describe('a refusal on a form', () => {
  it('says a refusal naming one of the form’s fields under it, and nothing above', () => {
    const error = refused({
      path: 'url',
      field: 'Receiver URL',
      message: 'Receiver URL: must be a web address',
    });
    expect(refusalOf(error, ['url', 'events'])).toEqual({
      fields: { url: 'Must be a web address' },
      above: null,
    });
  });

  it('says a problem with one item of a list under the list', () => {
    const error = refused({
      path: 'tags.3',
      field: 'Tags › item 4',
      message: 'Tags › item 4: at most 40 characters',
    });
    expect(refusalOf(error, ['title', 'tags'])).toEqual({
      fields: { tags: 'At most 40 characters' },
      above: null,
    });
    expect(refusalOf(error, ['tag']).fields).toEqual({});
  });

  it('says a refusal naming no field of the form above it', () => {
    const elsewhere = refused({ path: 'secret', field: 'Secret', message: 'Secret: is required' });
    expect(refusalOf(elsewhere, ['url'])).toEqual({ fields: {}, above: 'Secret: is required' });
    const taken = new ApiError(409, 'WEBHOOK_ALREADY_SUBSCRIBED', 'Already subscribed');
    expect(refusalOf(taken, ['url'])).toEqual({ fields: {}, above: 'Already subscribed' });
    expect(refusalOf(null, ['url'])).toEqual({ fields: {}, above: null });
  });

  it('says a refusal with its own code under the field it is about', () => {
    const tooLong = new ApiError(400, 'TOKEN_LIFETIME_TOO_LONG', 'API tokens live at most 90 days');
    const about = { TOKEN_LIFETIME_TOO_LONG: 'lifetimeDays' };
    expect(refusalOf(tooLong, ['name', 'lifetimeDays'], about)).toEqual({
      fields: { lifetimeDays: 'API tokens live at most 90 days' },
      above: null,
    });
    // Not on this form: said above it.
    expect(refusalOf(tooLong, ['name'], about)).toEqual({
      fields: {},
      above: 'API tokens live at most 90 days',
    });
  });
});
