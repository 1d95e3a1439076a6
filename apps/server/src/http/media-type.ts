/**
 * The media type of a Content-Type header, parsed as RFC 9110 §8.3.1 defines it: `type "/" subtype`
 * followed only by `; name=value` parameters. Searching the header for "application/json" would accept
 * `text/plain; x=application/json`, which a browser sends cross-site without a preflight.
 */

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const TYPE = new RegExp(`[ \\t]*(${TOKEN})/(${TOKEN})[ \\t]*`, 'y');
// One parameter at a time from a fixed position (sticky): linear in the header's length.
const PARAMETER = new RegExp(`;[ \\t]*(?:${TOKEN}=(?:${TOKEN}|"(?:[^"\\\\]|\\\\.)*"))?[ \\t]*`, 'y');

/** `type/subtype` in lower case, or null when the header is missing or not one well-formed media type. */
export function mediaType(header: string | undefined): string | null {
  if (header === undefined) return null;
  TYPE.lastIndex = 0;
  const type = TYPE.exec(header);
  if (!type) return null;
  let at = TYPE.lastIndex;
  while (at < header.length) {
    PARAMETER.lastIndex = at;
    if (!PARAMETER.test(header)) return null;
    at = PARAMETER.lastIndex;
  }
  return `${type[1]}/${type[2]}`.toLowerCase();
}

/**
 * Bodies the API reads as JSON. Only `application/json`: no route takes a `+json` type (such as
 * `application/fhir+json`) yet; one that does adds it here.
 */
export function isJsonMediaType(header: string | undefined): boolean {
  return mediaType(header) === 'application/json';
}
