import { Textarea } from '@mantine/core';
import { idToWords } from '@portalflow/engine';
import { useState } from 'react';
import { outcomeFromWords } from '../../model/outcomes.ts';

/**
 * An outcome's name as staff read it on their button and the lead on the diagram ("Duplicate
 * request"); typed in words, it becomes the outcome's id when the box is left. A long name wraps.
 */
export function OutcomeName({
  name,
  label,
  description,
  taken,
  onRename,
  ...rest
}: {
  name: string;
  label?: string;
  description?: string;
  taken: (n: string) => boolean;
  onRename: (to: string) => void;
  'data-testid'?: string;
}) {
  const words = idToWords(name);
  const [value, setValue] = useState(words);
  const [seen, setSeen] = useState(name);
  if (seen !== name) {
    setSeen(name);
    setValue(words);
  }
  const read = outcomeFromWords(value, name, taken);
  const error = 'problem' in read ? read.problem : undefined;
  const commit = () => {
    if ('id' in read && read.id !== name) onRename(read.id);
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
