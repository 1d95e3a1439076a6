import { Textarea } from '@mantine/core';
import { idToWords } from '@portalflow/engine';
import { useState } from 'react';
import { outcomeFromWords } from '../../model/outcomes.ts';
import { useUnfinishedEntry } from './useUnfinishedEntry.ts';

/**
 * An outcome's name as staff read it on their button and the lead on the diagram ("Duplicate
 * request"); typed in words, it becomes the outcome's id when the box is left. A long name wraps.
 * A name it cannot take (another outcome's) stays in the box as an unfinished entry, a problem
 * until it is changed or typed back.
 */
export function OutcomeName({
  step,
  name,
  label,
  description,
  taken,
  onRename,
  ...rest
}: {
  /** The step whose outcome it is. */
  step: string;
  name: string;
  label?: string;
  description?: string;
  taken: (n: string) => boolean;
  onRename: (to: string) => void;
  'data-testid'?: string;
}) {
  const words = idToWords(name);
  const { entry, hold } = useUnfinishedEntry(`steps.${step}.outcomes.${name}`);
  const [value, setValue] = useState(entry?.text ?? words);
  const [seen, setSeen] = useState(name);
  if (seen !== name) {
    setSeen(name);
    setValue(words);
  }
  const read = outcomeFromWords(value, name, taken);
  const error = 'problem' in read ? read.problem : undefined;
  const commit = () => {
    if ('problem' in read) return hold({ text: value, problem: `Outcome “${words}”: ${read.problem}` });
    hold(null);
    if (read.id !== name) onRename(read.id);
    else setValue(words);
  };
  return (
    <Textarea
      size="xs"
      autosize
      minRows={1}
      {...(label ? { label, description } : { 'aria-label': `Outcome ${words} name` })}
      value={value}
      onChange={(e) => setValue(e.currentTarget.value.replace(/\n/g, ''))}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        commit();
      }}
      error={error}
      style={{ flex: 1 }}
      className="nodrag nokey"
      data-testid={rest['data-testid']}
    />
  );
}
