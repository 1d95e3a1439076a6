import { Group, Select, Stack } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useMe } from '../auth/useMe.ts';
import { personName } from '../work/personName.ts';
import { usePeople } from '../work/usePeople.ts';
import { ChangeTrail } from './ChangeTrail.tsx';

/**
 * The account change trail, everyone's or one person's: admins under Accounts, auditors under Audit.
 * `beside`: what stands left of the Person filter (the auditor's heading).
 */
export function TrailByPerson({ beside }: { beside?: ReactNode }) {
  const me = useMe();
  const { people } = usePeople(me.data);
  const [person, setPerson] = useState<string | null>(null);
  const options = [...people.values()]
    .map((p) => ({ value: p.id, label: personName(p) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <Stack gap="sm">
      <Group justify={beside ? 'space-between' : 'flex-start'} align="flex-end">
        {beside}
        <Select
          label="Person"
          placeholder="Everyone"
          data={options}
          value={person}
          onChange={setPerson}
          searchable
          clearable
          nothingFoundMessage="Nobody found"
          w={280}
          data-testid="account-changes-person"
        />
      </Group>
      <ChangeTrail userId={person ?? undefined} />
    </Stack>
  );
}
