import { slugify, uniqueId } from '../model/document.ts';

/** The name a file is imported under when its workflow is already in the list: "… (copy)", a free id. */
export function importCopy(
  workflow: { id: string; title: string },
  taken: (id: string) => boolean,
): { title: string; id: string } {
  const title = `${workflow.title} (copy)`;
  return { title, id: uniqueId(slugify(title, workflow.id), taken) };
}
