import type { Locator } from 'playwright-core';

/**
 * The words the page gives an input as its description (the elements its aria-describedby names),
 * as one line: what a screen reader says with the field, and where a refusal of it belongs.
 */
export const describedAs = (input: Locator): Promise<string> =>
  input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/** Whether the input has the focus. */
export const isFocused = (input: Locator): Promise<boolean> =>
  input.evaluate((el) => el === document.activeElement);
