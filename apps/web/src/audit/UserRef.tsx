import { Text, Tooltip } from '@mantine/core';
import { shortId } from './changes.ts';
import { usePersonOf, useUserNames } from './useUserNames.ts';

/**
 * A user as auditors see them: the name (with the username when two people share it). The username
 * and the user id are in the tooltip, for telling accounts apart; only an id no directory entry names
 * (an account since disabled) shows the id, shortened.
 */
export function UserRef({
  id,
  fallback = 'system',
  size = 'sm',
  truncate = false,
}: {
  id: string | null;
  fallback?: string;
  /** The size of the text around it. */
  size?: 'xs' | 'sm';
  /** One line, cut with an ellipsis (a table cell); the full name is in the tooltip. */
  truncate?: boolean;
}) {
  const nameOf = useUserNames();
  const personOf = usePersonOf();
  if (!id) {
    return (
      <Text span size={size} c="dimmed" fs="italic">
        {fallback}
      </Text>
    );
  }
  const name = nameOf(id);
  const username = personOf(id)?.username;
  const tip = name
    ? `${name}${username ? ` · username ${username}` : ''} · user id ${id}`
    : `User id ${id}, not in the current staff list`;
  return (
    <Tooltip label={tip} openDelay={300}>
      <Text
        span
        size={size}
        data-user-id={id}
        {...(truncate ? { truncate: 'end' as const, display: 'block' } : {})}
        ff={name ? undefined : 'monospace'}
      >
        {name ?? shortId(id)}
      </Text>
    </Tooltip>
  );
}
