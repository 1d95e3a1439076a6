import { canonicalJson, parseDefinition } from '@portalflow/engine';
import type { Store } from '@portalflow/store';

/**
 * Publishes the bundled workflows into the demo database: each once, and again when a newer release
 * bundles a changed one (a step that gained a form), so a demo kept between releases shows what the
 * release does. Only while the demo's copy is still the seed's own: a version someone at the clinic
 * published, or a draft someone saved, is theirs and stays. Returns the ids published now.
 */
export async function publishDemoWorkflows(
  store: Store,
  workflows: ReadonlyArray<{ id: string; definition: unknown }>,
  now: () => string,
): Promise<string[]> {
  const published: string[] = [];
  for (const example of workflows) {
    const definition = parseDefinition(example.definition, { filename: `${example.id}.json` });
    const latest = await store.getVersion(definition.id);
    const draft = (await store.getDraft(definition.id)) ?? null;
    if (latest) {
      const theirs = latest.publishedBy !== null || (draft !== null && draft.updatedBy !== null);
      if (theirs || canonicalJson(latest.definition) === canonicalJson(definition)) continue;
    }
    const saved = await store.saveDraft({
      id: definition.id,
      title: definition.title,
      definition,
      // A first publication has no layout yet; a later one keeps the boxes where they were.
      ...(latest ? {} : { layout: null }),
      expectedRevision: draft?.revision ?? 0,
      updatedBy: null,
      at: now(),
    });
    if (!saved.ok) continue;
    const result = await store.publish({
      definitionId: definition.id,
      expectedRevision: saved.draft.revision,
      publishedBy: null,
      at: now(),
    });
    if (result.ok && result.created) published.push(definition.id);
  }
  return published;
}
