import { TextInput } from '@mantine/core';
import type { Definition } from '@portalflow/engine';
import { useState } from 'react';
import { readStepId, STEP_ID_LABEL } from '../../model/stepIds.ts';
import { useEditorStore } from '../useEditorStore.ts';
import { useUnfinishedEntry } from './useUnfinishedEntry.ts';

/**
 * The step's id, renamed when the box is left. An id the step cannot take (another step's, a space
 * in it) stays in the box as an unfinished entry: a problem that holds Publish back until it is
 * fixed or typed back, instead of the old id coming back without a word.
 */
export function StepId({ id, definition, frozen }: { id: string; definition: Definition; frozen: boolean }) {
  const apply = useEditorStore((s) => s.apply);
  const { entry, hold } = useUnfinishedEntry(`steps.${id}.id`);
  const [value, setValue] = useState(entry?.text ?? id);
  const read = readStepId(definition, id, value);
  // Held while typed, so that Publish waits even before the box is left.
  const change = (text: string) => {
    setValue(text);
    const next = readStepId(definition, id, text);
    hold('problem' in next ? { text, problem: next.problem } : null);
  };
  const commit = () => {
    if ('problem' in read) return hold({ text: value, problem: read.problem });
    hold(null);
    if (read.id !== id)
      apply([{ type: 'renameStep', id, newId: read.id }], { select: { steps: [read.id], edges: [] } });
  };
  return (
    <TextInput
      size="xs"
      label={STEP_ID_LABEL}
      // The step's id, in words: what uses it, and what happens when it changes.
      description={`Used in exported files, by connected systems and in history. ${
        frozen
          ? 'Fixed since it was published: running requests and their history use it.'
          : 'Follows the title until it is published; arrows to this step follow a change.'
      }`}
      readOnly={frozen}
      value={value}
      onChange={(e) => change(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      error={'error' in read ? read.error : undefined}
    />
  );
}
