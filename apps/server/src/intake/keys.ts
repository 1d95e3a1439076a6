import { randomUUID } from 'node:crypto';
import type { IntakeKey } from '@portalflow/store';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { newWebhookSecret } from '../integrations/standard-webhooks.ts';
import { SecretBox } from './secret-box.ts';

export const intakeKeyView = (key: IntakeKey) => ({
  ...key,
  status: key.revokedAt === null ? ('active' as const) : ('revoked' as const),
});

/** Intake keys: made with a fresh secret (sealed at rest), opened only to verify a signature. */
export class IntakeKeys {
  private box: SecretBox | undefined;

  constructor(private readonly deps: AppDeps) {}

  private secretBox(): SecretBox {
    if (this.box) return this.box;
    const file = this.deps.config.intakeKeyFile;
    if (!file)
      throw new ApiError(
        503,
        'INTAKE_NOT_CONFIGURED',
        'Intake keys need PORTALFLOW_INTAKE_KEY_FILE (the key their secrets are sealed with)',
      );
    this.box = SecretBox.fromFile(file);
    return this.box;
  }

  async create(workflowId: string, actorId: string | null): Promise<{ key: IntakeKey; secret: string }> {
    const id = randomUUID();
    const secret = newWebhookSecret();
    const sealedSecret = this.secretBox().seal(secret, id);
    const key = await this.deps.store.createIntakeKey({
      id,
      workflowId,
      sealedSecret,
      actorId,
      at: this.deps.clock(),
    });
    return { key, secret };
  }

  /** The secrets of a workflow's keys in force, with their ids; none when intake is not configured. */
  async secrets(workflowId: string): Promise<{ id: string; secret: string }[]> {
    const sealed = await this.deps.store.activeIntakeSecrets(workflowId);
    if (sealed.length === 0 || !this.deps.config.intakeKeyFile) return [];
    const box = this.secretBox();
    const open: { id: string; secret: string }[] = [];
    for (const s of sealed) {
      const secret = box.open(s.sealedSecret, s.id);
      // Sealed under another key file (a restored database, a lost file): unusable, so never matches.
      if (secret !== null) open.push({ id: s.id, secret });
    }
    return open;
  }
}
