import { type AuditEvent, openStore } from '@portalflow/store';

/** Every instance's events, by instance id (the database must be quiet). */
export async function readHistories(url: string): Promise<Map<string, AuditEvent[]>> {
  const store = await openStore({ url });
  try {
    const out = new Map<string, AuditEvent[]>();
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page = await store.listInstances({ limit: 500, ...(cursor ? { cursor } : {}) });
      for (const item of page.items) out.set(item.id, await store.listEvents(item.id));
      cursor = page.nextCursor;
    }
    return out;
  } finally {
    await store.close();
  }
}
