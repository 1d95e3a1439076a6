import { getDefinition } from '@portalflow/contract';
import { type Answer, call } from '../api/call.ts';

type DraftAnswer = Answer<typeof getDefinition>;

/** A draft asked for this long ago is still the one the editor opens with (a click, then the editor's code). */
const FRESH_MS = 10_000;

const asked = new Map<string, { at: number; answer: Promise<DraftAnswer> }>();

/**
 * Asks for a workflow's draft as its link is pressed, so it comes beside the editor's code (the largest
 * download) instead of once that code has arrived and run.
 */
export function askForDraft(id: string): void {
  const answer = call(getDefinition, { params: { id } });
  // Never left unhandled: the editor, reading it, reports a failure as it reports its own.
  answer.catch(() => undefined);
  asked.set(id, { at: Date.now(), answer });
}

/** The draft asked for on the way here when there is one, just asked, else asked for now. Each is read once. */
export function draftFor(id: string): Promise<DraftAnswer> {
  const early = asked.get(id);
  asked.delete(id);
  if (early && Date.now() - early.at < FRESH_MS) return early.answer;
  return call(getDefinition, { params: { id } });
}
