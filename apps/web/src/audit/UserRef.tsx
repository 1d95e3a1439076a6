import { Text, Tooltip } from '@mantine/core';
import { shortId } from './changes.ts';
import { useUserNames } from './useUserNames.ts';

/** A user as auditors see them: the name when known, and the id (shortened; full id on hover and for screen readers). */
export function UserRef({
  id,
  fallback = 'system',
  size = 'sm',
}: {
  id: string | null;
  fallback?: string;
  /** The size of the text around it. */
  size?: 'xs' | 'sm';
}) {
  const nameOf = useUserNames();
  if (!id) {
    return (
      <Text span size={size} c="dimmed" fs="italic">
        {fallback}
      </Text>
    );
  }
  const name = nameOf(id);
  return (
    <Tooltip label={name ? `${name} — ${id}` : id} openDelay={300}>
      <Text span size={size} aria-label={name ? `${name}, user ${id}` : `user ${id}`} data-user-id={id}>
        {name && <>{name} </>}
        <Text span ff="monospace" size={name ? 'xs' : size} c={name ? 'dimmed' : undefined}>
          {shortId(id)}
        </Text>
      </Text>
    </Tooltip>
  );
}
