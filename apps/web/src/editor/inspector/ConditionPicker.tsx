import { Group, Select, Stack, Text } from '@mantine/core';
import type { Definition } from '@portalflow/engine';
import { useEffect, useMemo, useState } from 'react';
import {
  CHOICE_TESTS,
  type ChoicePick,
  type ChoiceTest,
  choiceFields,
  readChoice,
  writeChoice,
} from './choiceCondition.ts';
import { WrapSelect } from './WrapSelect.tsx';

/**
 * "When [Payer answer ▾] is [Approved ▾]": a lead picks a field with choices and one of them instead
 * of typing code. It writes the same condition text the box below shows; a condition the lists
 * cannot show (two fields, a number, a value that is not a choice) leaves them empty.
 */
export function ConditionPicker({
  value,
  onChange,
  definition,
}: {
  value: string;
  onChange: (when: string) => void;
  definition: Definition;
}) {
  const fields = useMemo(() => choiceFields(definition), [definition]);
  // A field picked without its choice yet is kept here until the condition is whole.
  const [pick, setPick] = useState<Partial<ChoicePick>>(() => readChoice(value, fields) ?? {});
  // Typing in the box (or undo) moves the lists along; a condition they cannot show empties them.
  useEffect(() => {
    const read = readChoice(value, fields);
    if (read) setPick(read);
    else if (value.trim() !== '') setPick({});
  }, [value, fields]);
  if (fields.length === 0) return null;
  const field = fields.find((f) => f.id === pick.field);
  const test = pick.test ?? 'is';
  const update = (next: Partial<ChoicePick>) => {
    const merged = { ...pick, test, ...next };
    setPick(merged);
    const text = merged.field ? writeChoice(merged as ChoicePick) : null;
    if (text !== null && text !== value) onChange(text);
  };
  const needsChoice = test === 'is' || test === 'is not';
  return (
    <Stack gap={0} role="group" aria-label="Condition from a form field" data-testid="condition-picker">
      <Text size="xs" fw={500} mb={2}>
        When
      </Text>
      <WrapSelect
        size="xs"
        aria-label="Field"
        placeholder="Pick a form field"
        data={fields.map((f) => ({ value: f.id, label: f.label }))}
        value={field?.id ?? null}
        onChange={(id) => id && update({ field: id, choice: undefined })}
        searchable
        allowDeselect={false}
        className="nodrag nokey"
      />
      <Group gap={4} wrap="nowrap" mt={4} align="flex-start">
        <Select
          size="xs"
          aria-label="Comparison"
          data={CHOICE_TESTS.map((t) => ({ value: t, label: t }))}
          value={test}
          onChange={(t) => t && update({ test: t as ChoiceTest })}
          allowDeselect={false}
          disabled={!field}
          w={needsChoice ? 92 : '100%'}
          className="nodrag nokey"
        />
        {needsChoice && (
          <WrapSelect
            size="xs"
            aria-label="Choice"
            placeholder="Pick a choice"
            data={field?.choices ?? []}
            value={pick.choice ?? null}
            onChange={(c) => c && update({ choice: c })}
            allowDeselect={false}
            disabled={!field}
            style={{ flex: 1 }}
            className="nodrag nokey"
          />
        )}
      </Group>
    </Stack>
  );
}
