import { MantineProvider } from '@mantine/core';
import type { FormField } from '@portalflow/engine';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormFieldInput } from '../src/work/FormFieldInput.tsx';

/**
 * A field needed only for some outcomes is marked "* to finish as …" beside its label: in the quiet
 * colour of a hint on a fresh form, red only once the person tried that outcome without it.
 */

const field: FormField = {
  id: 'callNote',
  label: 'What to tell the patient',
  type: 'text',
  requiredFor: ['nurse-to-call'],
};

const marker = (error: string | undefined) => {
  const html = renderToStaticMarkup(
    <MantineProvider>
      <FormFieldInput field={field} value="" error={error} disabled={false} inputId="f" onChange={() => {}} />
    </MantineProvider>,
  );
  const span = html.match(/<span[^>]*data-testid="form-field-required-for"[^>]*>/)?.[0];
  expect(span, html).toBeDefined();
  return span!;
};

describe('the "to finish as" marker', () => {
  it('is not red on a fresh form', () => {
    const span = marker(undefined);
    expect(span).not.toContain('--mantine-color-red');
    expect(span).toContain('--mantine-color-gray-7');
  });

  it('is red once the outcome was tried without the field', () => {
    expect(marker('What to tell the patient is required to finish as “Nurse to call”')).toContain(
      '--mantine-color-red-9',
    );
  });
});
