import { Button, Group, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldProblem } from '../forms/fieldProblems.ts';
import { notifications } from '../shell/notifications.ts';
import { type Person, patchPerson, useAccountAction } from './api.ts';

/**
 * The person's full name, as lists, tasks and histories show it: corrected when it was typed wrong or
 * the person changed it. The server trims it and refuses only spaces; its words go under the field.
 */
export function FullName({ person }: { person: Person }) {
  // What the admin typed; null shows the saved name, so a name read back from the server never
  // overwrites typing in progress.
  const [typed, setTyped] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const client = useQueryClient();
  const save = useAccountAction((displayName: string) => patchPerson(person.id, { displayName }));
  const value = typed ?? person.displayName;
  const changed = typed !== null && typed.trim() !== person.displayName;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return;
    setProblem(null);
    save
      .mutateAsync(value.trim())
      .then(async ({ user }) => {
        // Read back before the field shows the saved name: with two admins renaming at once, the last
        // save stands and this screen shows what was stored, not what was typed.
        await client.refetchQueries({ queryKey: ['accounts'], exact: true });
        setTyped(null);
        notifications.show({
          color: 'teal',
          title: 'Saved',
          message: `Full name is now ${user.displayName}`,
        });
      })
      .catch((e: Error) => setProblem(fieldProblem(e, 'displayName') ?? e.message));
  };

  return (
    <form onSubmit={submit} data-testid="full-name">
      <Group align="flex-end" gap="xs">
        <TextInput
          label="Full name"
          description={`Shown in lists, on tasks and in histories. They still sign in as ${person.username}.`}
          autoComplete="off"
          value={value}
          onChange={(e) => {
            setTyped(e.currentTarget.value);
            setProblem(null);
          }}
          error={problem}
          style={{ flex: 1 }}
        />
        <Button type="submit" size="xs" mb={problem ? 22 : 0} disabled={!changed} loading={save.isPending}>
          Save name
        </Button>
      </Group>
    </form>
  );
}
