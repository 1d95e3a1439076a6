/**
 * Live updates: what changed, never patient data — ids, roles, status. Clients re-read what they
 * are allowed to see. One hub per process; `publish` fans out to this process's SSE connections.
 */
export type LiveMessage =
  | {
      type: 'instance.changed';
      instanceId: string;
      definitionId: string;
      status: string;
      revision: number;
      /** Roles whose queues may have changed. */
      roles: string[];
      /** Users whose own tasks may have changed. */
      users: string[];
      practice: boolean;
    }
  | { type: 'notification'; roles: string[]; users: string[] }
  | { type: 'definition.changed'; definitionId: string; roles: string[]; users: string[] };

export type Listener = (message: LiveMessage) => void;

export class LiveHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(message: LiveMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // One broken connection must not stop the others.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
