import type { Store } from '@portalflow/store';

type Addresses = Map<string, string[]>;

/**
 * Each clinic's earlier addresses of renamed answers (entry id → slugs), worked out from the clinic's
 * whole help edit history. Every public help request needs them and only a help edit changes them, so
 * a process keeps them in memory and works them out again after an edit: made here (`helpEdited`), or
 * by another process on the same database (its `help.changed` arrives through the change feed).
 */
export class EarlierAddresses {
  readonly #byClinic = new Map<string, Addresses>();
  /** Counts forgets: a read that was under way when help was edited is answered, not kept. */
  #edits = 0;

  async get(clinic: string, read: () => Promise<Addresses>): Promise<Addresses> {
    const kept = this.#byClinic.get(clinic);
    if (kept) return kept;
    const edits = this.#edits;
    const addresses = await read();
    if (edits === this.#edits) this.#byClinic.set(clinic, addresses);
    return addresses;
  }

  forget(clinic: string): void {
    this.#edits++;
    this.#byClinic.delete(clinic);
  }
}

/** One per store (a process has one; tests run several servers side by side, each with its own). */
const perStore = new WeakMap<Store, EarlierAddresses>();

export function earlierAddresses(store: Store): EarlierAddresses {
  let kept = perStore.get(store);
  if (!kept) {
    kept = new EarlierAddresses();
    perStore.set(store, kept);
  }
  return kept;
}
