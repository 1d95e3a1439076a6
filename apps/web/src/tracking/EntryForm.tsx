import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { refusalOf, useFocusFirstRefused } from '../forms/fieldProblems.ts';
import { NumberAnswerInput } from '../forms/NumberAnswerInput.tsx';
import { readTypedNumbers } from '../forms/typedNumbers.ts';
import { humanize } from '../work/format.ts';
import { KIND_FIELDS, KIND_LABELS } from './entryKinds.ts';
import type { EntryKind, TrackingEntry } from './types.ts';

/** The input of the field at `path` in the body sent, for the focus to go to when it is refused. */
const inputId = (path: string) => `entry-${path.replace(/\W/g, '-')}`;

export interface EntryDraft {
  kind: EntryKind;
  day: string;
  fields: Record<string, unknown>;
  userId?: string;
}

/** Add or edit one manual entry; fields follow its kind. Work notes only — no patient identifiers. */
export function EntryForm({
  opened,
  entry,
  defaultDay,
  people,
  busy,
  error,
  onClose,
  onSave,
}: {
  opened: boolean;
  entry: TrackingEntry | null;
  defaultDay: string;
  /** Leads record work for others: who it is for. */
  people?: Array<{ value: string; label: string }>;
  busy: boolean;
  /** The server's refusal of the last save: said under the fields it names, else above the buttons. */
  error: unknown;
  onClose: () => void;
  onSave: (draft: EntryDraft) => void;
}) {
  const [kind, setKind] = useState<EntryKind>(entry?.kind ?? 'shift');
  const [day, setDay] = useState(entry?.day ?? defaultDay);
  const [fields, setFields] = useState<Record<string, unknown>>(entry?.fields ?? {});
  const [userId, setUserId] = useState<string | null>(null);
  // Numbers that could not be read when Save was pressed: said under their box, nothing sent.
  const [numberErrors, setNumberErrors] = useState<Record<string, string>>({});
  // What the server said of each field, by its place in the body sent (`day`, `fields.hours`); a field
  // changed since is the person's correction, so its words go.
  const shown = ['day', 'userId', ...KIND_FIELDS[kind].map((f) => `fields.${f.id}`)];
  const [refused, setRefused] = useState<{ fields: Record<string, string>; above: string | null }>({
    fields: {},
    above: null,
  });
  const focusFirstRefused = useFocusFirstRefused();
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again for each refusal, not each keystroke
  useEffect(() => {
    const next = refusalOf(error, shown);
    setRefused(next);
    focusFirstRefused(next.fields, Object.fromEntries(shown.map((path) => [path, inputId(path)])));
  }, [error]);
  const corrected = (path: string) =>
    setRefused((r) => {
      if (!(path in r.fields)) return r;
      const { [path]: _gone, ...fields } = r.fields;
      return { ...r, fields };
    });
  const set = (id: string, value: unknown) => {
    corrected(`fields.${id}`);
    setNumberErrors(({ [id]: _corrected, ...rest }) => rest);
    setFields((f) => {
      const next = { ...f };
      if (value === '' || value === null || value === undefined) delete next[id];
      else next[id] = value;
      return next;
    });
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={opened}
      onClose={onClose}
      title={entry ? 'Edit entry' : 'Add work done outside workflows'}
    >
      <form
        data-testid="entry-form"
        onSubmit={(e) => {
          e.preventDefault();
          const read = readTypedNumbers(KIND_FIELDS[kind], fields);
          setNumberErrors(read.errors);
          if (Object.keys(read.errors).length > 0) return;
          onSave({ kind, day, fields: read.values, ...(userId ? { userId } : {}) });
        }}
      >
        <Stack gap="sm">
          <Select
            label="Kind"
            data={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
            value={kind}
            onChange={(v) => {
              if (v) {
                setKind(v as EntryKind);
                setFields({});
                setNumberErrors({});
              }
            }}
            disabled={entry !== null}
            allowDeselect={false}
            data-testid="entry-kind"
          />
          <TextInput
            type="date"
            label="Day"
            value={day}
            onChange={(e) => {
              corrected('day');
              setDay(e.currentTarget.value);
            }}
            required
            id={inputId('day')}
            error={refused.fields.day}
            data-testid="entry-day"
          />
          {!entry && people && people.length > 0 && (
            <Select
              label="For"
              placeholder="Myself"
              data={people}
              value={userId}
              onChange={(v) => {
                corrected('userId');
                setUserId(v);
              }}
              id={inputId('userId')}
              error={refused.fields.userId}
              clearable
              searchable
              data-testid="entry-person"
            />
          )}
          {KIND_FIELDS[kind].map((f) => {
            const common = {
              label: f.label,
              required: f.required,
              id: inputId(`fields.${f.id}`),
              error: refused.fields[`fields.${f.id}`],
              'data-testid': `entry-field-${f.id}`,
            };
            if (f.type === 'select')
              return (
                <Select
                  key={f.id}
                  {...common}
                  data={(f.options ?? []).map((o) => ({ value: o, label: humanize(o) }))}
                  value={(fields[f.id] as string | undefined) ?? null}
                  onChange={(v) => set(f.id, v)}
                />
              );
            if (f.type === 'number')
              return (
                <NumberAnswerInput
                  key={f.id}
                  {...common}
                  money={false}
                  // Every tracked number is a count or hours: the keypad without a minus sign.
                  inputMode="decimal"
                  value={fields[f.id]}
                  error={numberErrors[f.id] ?? common.error}
                  onChange={(v) => set(f.id, v)}
                />
              );
            return (
              <TextInput
                key={f.id}
                {...common}
                type={f.type === 'date' ? 'date' : 'text'}
                value={(fields[f.id] as string | undefined) ?? ''}
                onChange={(e) => set(f.id, e.currentTarget.value)}
              />
            );
          })}
          <Text size="xs" c="gray.7">
            Work notes only: never a patient’s name, date of birth or record number.
          </Text>
          {refused.above && (
            <Text size="sm" c="red.9" role="alert" data-testid="entry-refused">
              {refused.above}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="entry-save">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
