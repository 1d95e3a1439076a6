import { Button, Group, Modal, MultiSelect, PasswordInput, Radio, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { type CatalogRole, createPerson, useAccountAction } from './api.ts';
import { OneTimeCode } from './OneTimeCode.tsx';

export const roleOptions = (roles: CatalogRole[]) =>
  roles.map((r) => ({ value: r.id, label: r.department ? `${r.name} · ${r.department}` : r.name }));

/** Adding a person: username, name, roles from the catalog, and either a one-time code or a password. */
export function CreatePerson({
  opened,
  onClose,
  roles,
}: {
  opened: boolean;
  onClose: () => void;
  roles: CatalogRole[];
}) {
  const create = useAccountAction(createPerson);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [how, setHow] = useState<'code' | 'password'>('code');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ name: string; code: string; expiresAt: string } | null>(null);

  function close() {
    setUsername('');
    setDisplayName('');
    setPicked([]);
    setPassword('');
    setError(null);
    setIssued(null);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const made = await create.mutateAsync({
        username: username.trim(),
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        roles: picked,
        ...(how === 'code' ? { setPasswordCode: true } : { password }),
      });
      if (made.setPasswordCode && made.setPasswordCodeExpiresAt)
        setIssued({
          name: made.user.displayName,
          code: made.setPasswordCode,
          expiresAt: made.setPasswordCodeExpiresAt,
        });
      else close();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the server');
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Add a person"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {issued ? (
        <Stack>
          <OneTimeCode name={issued.name} code={issued.code} expiresAt={issued.expiresAt} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <TextInput
              label="Username"
              description="Lowercase letters, digits, dots, dashes; used to sign in"
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={error}
            />
            <TextInput
              label="Full name"
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
            />
            <MultiSelect
              label="Roles"
              description="What this person does in the clinic's workflows"
              data={roleOptions(roles)}
              value={picked}
              onChange={setPicked}
              searchable
            />
            <Radio.Group
              label="First password"
              value={how}
              onChange={(v) => setHow(v as 'code' | 'password')}
            >
              <Stack gap={6} mt={6}>
                <Radio
                  value="code"
                  label="Give a one-time code; they choose their own password (recommended)"
                />
                <Radio value="password" label="Set a password now" />
              </Stack>
            </Radio.Group>
            {how === 'password' && (
              <PasswordInput
                label="Password"
                description="At least 12 characters"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Add person
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
