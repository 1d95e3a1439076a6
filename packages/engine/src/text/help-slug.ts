/**
 * A help answer's address word from its title: lower-case words without accents, joined by hyphens.
 * The public page's links and the server's list of an answer's earlier addresses both use it, so a
 * link sent before a rename is recognised.
 */
export const helpSlug = (title: string) =>
  title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
