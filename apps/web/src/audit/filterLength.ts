/** The longest text a typed filter takes (the server refuses more: a chart number, a name, an id). */
export const FILTER_MAX = 200;

/**
 * What a typed filter's box says when the text is too long to search for. Such text is not applied, so
 * the list below is still the unfiltered one: the box must say so, or the list reads as the answer.
 */
export const tooLong = (text: string): string | undefined =>
  text.trim().length > FILTER_MAX ? `Too long (at most ${FILTER_MAX} characters): not applied` : undefined;
