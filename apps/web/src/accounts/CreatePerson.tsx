import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Radio,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { InvitationView } from '@portalflow/contract';
import { CircleAlert } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useEmailPreferences } from '../outbox/api.ts';
import { type CatalogRole, createPerson, useAccountAction } from './api.ts';
import { invitationLine } from './invitationText.ts';
import { OneTimeCode } from './OneTimeCode.tsx';
import {
  checkPerson,
  type PersonErrors,
  type PersonValues,
  personRefusal,
  USERNAME_HINT,
} from './personForm.ts';

export const roleOptions = (roles: CatalogRole[]) =>
  roles.map((r) => ({ value: r.id, label: r.department ? `${r.name} · ${r.department}` : r.name }));

/**
 * Adding a person: username, name, work email, roles from the catalog, and how they get in: an emailed
 * invitation, a one-time code, or a password.
 */
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
  // Until the admin picks: an emailed invitation where the server sends email, else a one-time code.
  const [picking, setHow] = useState<PersonValues['how'] | null>(null);
  const emailOn = useEmailPreferences().data?.emailEnabled === true;
  const how = picking ?? (emailOn ? 'email' : 'code');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<PersonErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  // After the first try, every change is checked again: an error goes as soon as its field is right.
  const [tried, setTried] = useState(false);
  const [issued, setIssued] = useState<{ name: string; code: string; expiresAt: string } | null>(null);
  const [invited, setInvited] = useState<{ name: string; invitation: InvitationView } | null>(null);

  function close() {
    setUsername('');
    setDisplayName('');
    setPicked([]);
    setPassword('');
    setEmail('');
    setHow(null);
    setErrors({});
    setProblem(null);
    setTried(false);
    setIssued(null);
    setInvited(null);
    onClose();
  }

  /** Takes a change, and once the form was sent, checks it again with the changed value. */
  function changed(next: Partial<PersonValues>) {
    if (next.username !== undefined) setUsername(next.username);
    if (next.how !== undefined) setHow(next.how);
    if (next.password !== undefined) setPassword(next.password);
    if (next.email !== undefined) setEmail(next.email);
    if (next.roles !== undefined) setPicked([...next.roles]);
    if (tried) setErrors(checkPerson({ username, how, password, email, roles: picked, ...next }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    setProblem(null);
    const found = checkPerson({ username, how, password, email, roles: picked });
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = found.username
        ? 'add-person-username'
        : found.email
          ? 'add-person-email'
          : found.roles
            ? 'add-person-roles'
            : 'add-person-password';
      document.getElementById(first)?.focus();
      return;
    }
    try {
      const made = await create.mutateAsync({
        username: username.trim(),
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        roles: picked,
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(how === 'email'
          ? { sendInvitation: true }
          : how === 'code'
            ? { setPasswordCode: true }
            : { password }),
      });
      if (made.invitation) setInvited({ name: made.user.displayName, invitation: made.invitation });
      else if (made.setPasswordCode && made.setPasswordCodeExpiresAt)
        setIssued({
          name: made.user.displayName,
          code: made.setPasswordCode,
          expiresAt: made.setPasswordCodeExpiresAt,
        });
      else close();
    } catch (e) {
      const { field, message } = personRefusal(e);
      if (field) {
        setErrors({ [field]: message });
        document.getElementById(`add-person-${field === 'displayName' ? 'full-name' : field}`)?.focus();
      } else setProblem(message);
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
      {invited ? (
        <Stack>
          {invited.invitation.error ? (
            <Alert
              color="red"
              title={`${invited.name}'s account is made; the invitation was not sent`}
              data-testid="invitation-result"
            >
              <Text size="sm">{invitationLine(invited.invitation)}</Text>
              <Text size="sm" mt="xs">
                Once the mail server works, open their account and choose Send a new invitation, or reset
                their password there to get a one-time code to give them.
              </Text>
            </Alert>
          ) : (
            <Alert color="blue" title={`Invitation sent to ${invited.name}`} data-testid="invitation-result">
              <Text size="sm">{invitationLine(invited.invitation)}</Text>
              <Text size="sm" mt="xs">
                The email has a link where they choose their own password; it works once. If it expires, open
                their account and choose Send a new invitation.
              </Text>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : issued ? (
        <Stack>
          <OneTimeCode name={issued.name} code={issued.code} expiresAt={issued.expiresAt} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {problem && (
              <Alert color="red" variant="light" icon={<CircleAlert size={16} aria-hidden />} role="alert">
                {problem}
              </Alert>
            )}
            <TextInput
              id="add-person-username"
              label="Username"
              description={USERNAME_HINT}
              withAsterisk
              aria-required
              value={username}
              onChange={(e) => changed({ username: e.currentTarget.value })}
              error={errors.username}
            />
            <TextInput
              id="add-person-full-name"
              label="Full name"
              value={displayName}
              onChange={(e) => {
                setDisplayName(e.currentTarget.value);
                setErrors(({ displayName: _, ...rest }) => rest);
              }}
              error={errors.displayName}
            />
            <TextInput
              id="add-person-email"
              label="Work email"
              description="Where their invitation, password resets and notifications go"
              type="email"
              placeholder="name@clinic.org"
              withAsterisk={how === 'email'}
              aria-required={how === 'email'}
              value={email}
              onChange={(e) => changed({ email: e.currentTarget.value })}
              error={errors.email}
            />
            <MultiSelect
              id="add-person-roles"
              label="Roles"
              description="What this person does in the clinic's workflows"
              withAsterisk
              aria-required
              data={roleOptions(roles)}
              value={picked}
              onChange={(next) => changed({ roles: next })}
              error={errors.roles}
              searchable
            />
            <Radio.Group
              label="How they get in"
              value={how}
              onChange={(v) => changed({ how: v as PersonValues['how'] })}
            >
              <Stack gap={6} mt={6}>
                <Radio
                  value="email"
                  disabled={!emailOn}
                  label="Email them an invitation; they choose their own password (recommended)"
                  description={emailOn ? undefined : 'This server sends no email: no mail server is set up'}
                />
                <Radio value="code" label="Give them a one-time code in person or by phone" />
                <Radio value="password" label="Set a password now" />
              </Stack>
            </Radio.Group>
            {how === 'password' && (
              <PasswordInput
                id="add-person-password"
                label="Password"
                description="At least 12 characters"
                withAsterisk
                aria-required
                value={password}
                onChange={(e) => changed({ password: e.currentTarget.value })}
                error={errors.password}
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
