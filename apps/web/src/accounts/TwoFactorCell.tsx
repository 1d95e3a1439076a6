import { Text } from '@mantine/core';
import type { Person } from './api.ts';
import { twoFactorCell } from './twoFactorState.ts';

/** A person's two-factor sign-in in the people table: two lines at most, the reset's time never split. */
export function TwoFactorCell({ person }: { person: Pick<Person, 'twoFactor' | 'twoFactorReset'> }) {
  const cell = twoFactorCell(person);
  return (
    <>
      <Text size="sm" span display="block">
        {cell.state}
      </Text>
      {cell.reset && (
        <Text size="xs" c="gray.7" span display="block">
          Reset by {cell.reset.by}, <span className="pf-time">{cell.reset.at}</span>
        </Text>
      )}
    </>
  );
}
