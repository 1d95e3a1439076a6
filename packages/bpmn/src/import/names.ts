/** Turning names and foreign ids into portalflow ids (`[A-Za-z0-9][A-Za-z0-9_-]*`, at most 80). */

/** "Call the patient" → "call-the-patient"; '' when nothing usable is left. */
export function slugify(text: string | undefined): string {
  if (text === undefined) return '';
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** A foreign id kept as close as possible: invalid characters become '-', leading ones are dropped. */
export function sanitizeId(id: string | undefined): string {
  if (id === undefined) return '';
  return id
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 80);
}

/** Hands out unique ids: `base`, then `base-2`, `base-3`… */
export class IdPool {
  private readonly taken = new Set<string>();
  claim(base: string, fallback: string): string {
    let id = (base || fallback).slice(0, 80);
    const root = id.slice(0, 72);
    for (let n = 2; this.taken.has(id); n++) id = `${root}-${n}`;
    this.taken.add(id);
    return id;
  }
  has(id: string): boolean {
    return this.taken.has(id);
  }
}

/** Cuts text to a schema limit; the caller reports the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
