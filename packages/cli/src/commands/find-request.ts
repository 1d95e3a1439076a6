import type { Instance, InstanceSummary, Store } from '@portalflow/store';

/** What `replay <request>` found: the one request, or the several it could mean. */
export type FoundRequest =
  | { found: Instance }
  | { choices: InstanceSummary[]; why: string }
  | { none: string };

/** Every instance listed, real and practice, page by page (a lead's database is not that large). */
async function everyInstance(store: Store, practice: boolean): Promise<InstanceSummary[]> {
  const all: InstanceSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listInstances({ practice, limit: 500, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * The request a lead means: its whole id, the start of it (as a screen or a log shows it cut), or the
 * patient's chart number (any case, the EHR's address too). A patient with several requests, or a
 * start shared by several ids, gives the choices instead of guessing.
 */
export async function findRequest(store: Store, wanted: string): Promise<FoundRequest> {
  const exact = await store.getInstance(wanted);
  if (exact) return { found: exact };
  const pick = async (matches: InstanceSummary[], why: string): Promise<FoundRequest> => {
    if (matches.length === 1) {
      const one = await store.getInstance(matches[0]!.id);
      if (one) return { found: one };
    }
    return { choices: matches, why };
  };
  if (/^[0-9a-f-]{4,}$/i.test(wanted)) {
    const start = wanted.toLowerCase();
    const all = [...(await everyInstance(store, false)), ...(await everyInstance(store, true))];
    const matches = all.filter((i) => i.id.toLowerCase().startsWith(start));
    if (matches.length > 0) return pick(matches, `${matches.length} requests start with ${wanted}`);
  }
  const real = await store.listInstances({ dataValue: wanted, limit: 500 });
  const practice = await store.listInstances({ dataValue: wanted, practice: true, limit: 500 });
  const matches = [...real.items, ...practice.items];
  if (matches.length > 0) return pick(matches, `${wanted.toUpperCase()} has ${matches.length} requests`);
  return {
    none: `no request '${wanted}' in this database (give a request id, its start, or a chart number)`,
  };
}
