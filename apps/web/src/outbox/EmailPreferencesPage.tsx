import { Alert, Button, Checkbox, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Mail } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { refusalOf, useFocusFirstRefused } from '../forms/fieldProblems.ts';
import { notifications } from '../shell/notifications.ts';
import { type EmailPreferences, useEmailPreferences, useSaveEmailPreferences } from './api.ts';

const KINDS: Array<{
  key: 'assigned' | 'escalated' | 'overdue' | 'cancelled' | 'digest';
  label: string;
  description: string;
}> = [
  { key: 'assigned', label: 'A task was assigned to me', description: 'When a lead gives you a task' },
  {
    key: 'escalated',
    label: 'Work was escalated to my pool',
    description: 'When a deadline moves work to your role',
  },
  {
    key: 'overdue',
    label: 'A task of mine is due soon or overdue',
    description:
      'When a task you hold nears its deadline (30 minutes of clinic time before), and when it passes it',
  },
  {
    key: 'cancelled',
    label: 'A request I was working on was cancelled',
    description: 'When a lead cancels it, or whoever started it withdraws it, while you hold its task',
  },
  {
    key: 'digest',
    label: 'Daily digest',
    description: 'Once a day: how much open work waits for you, by workflow and step',
  },
];

/** The fields the server may refuse, in the form's order: each input's id. */
const INPUTS = { address: 'email-address', quietStart: 'quiet-start', quietEnd: 'quiet-end' };

/**
 * Profile: which emails this person gets and where. Emails only name the workflow and step and link
 * to the task: they never hold patient information.
 */
export function EmailPreferencesPage({ isAdmin = false }: { isAdmin?: boolean }) {
  const view = useEmailPreferences();
  const save = useSaveEmailPreferences();
  const [form, setForm] = useState<EmailPreferences | null>(null);
  const focusRefused = useFocusFirstRefused();
  const refusal = refusalOf(save.error, Object.keys(INPUTS));

  useEffect(() => {
    if (view.data && form === null) {
      const { userId: _u, updatedAt: _t, ...prefs } = view.data.preferences;
      setForm(prefs);
    }
  }, [view.data, form]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    try {
      await save.mutateAsync({
        ...form,
        address: form.address?.trim() ? form.address.trim() : null,
        quietStart: form.quietStart || null,
        quietEnd: form.quietEnd || null,
      });
      notifications.show({ color: 'teal', title: 'Saved', message: 'Your email notifications are updated.' });
    } catch (error) {
      // A refused field is said under it and takes the focus; anything else below the form.
      focusRefused(refusalOf(error, Object.keys(INPUTS)).fields, INPUTS);
    }
  }

  if (view.isPending || !form)
    return <Loader role="status" aria-label="Loading your email settings" m="md" />;
  if (view.error)
    return (
      <Alert color="red" title="Could not load your email settings" m="md">
        {view.error.message}
      </Alert>
    );
  const set = (patch: Partial<EmailPreferences>) => {
    setForm({ ...form, ...patch });
    // The server's words were about what was sent.
    if (save.error) save.reset();
  };

  return (
    <Stack p="md" gap="md" maw={760} data-testid="email-preferences-page">
      <Title order={2}>Email notifications</Title>
      <Text size="sm" c="gray.8">
        Emails name the workflow and the step and link to the task; you sign in to see the rest. They never
        contain patient information.
      </Text>
      {!view.data.emailEnabled && (
        <Alert color="blue.9" variant="outline" title="Email is not set up">
          This server has no mail server configured, so no email is sent yet. Your choices are kept for when
          it is.
        </Alert>
      )}
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Email notifications">
        <Stack gap="md">
          <TextInput
            label="Email address"
            description="Leave empty to get no email"
            type="email"
            maxLength={254}
            value={form.address ?? ''}
            onChange={(e) => set({ address: e.currentTarget.value })}
            id={INPUTS.address}
            error={refusal.fields.address}
            data-testid="email-address"
            w={360}
          />
          <Stack gap="xs">
            {KINDS.map((k) => (
              <Checkbox
                key={k.key}
                label={k.label}
                description={k.description}
                checked={form[k.key]}
                onChange={(e) => set({ [k.key]: e.currentTarget.checked })}
                data-testid={`email-kind-${k.key}`}
              />
            ))}
          </Stack>
          {isAdmin && (
            <Text size="sm" c="gray.8" data-testid="email-admin-always">
              As an admin you are also emailed when a nightly backup fails, when backups work again, and when
              another admin’s Back up now fails. Those come whatever is ticked above, as long as an address is
              given.
            </Text>
          )}
          <Group align="flex-end">
            <TextInput
              label="Quiet hours from"
              type="time"
              value={form.quietStart ?? ''}
              onChange={(e) => set({ quietStart: e.currentTarget.value })}
              id={INPUTS.quietStart}
              error={refusal.fields.quietStart}
              data-testid="quiet-start"
              w={160}
            />
            <TextInput
              label="until"
              type="time"
              value={form.quietEnd ?? ''}
              onChange={(e) => set({ quietEnd: e.currentTarget.value })}
              id={INPUTS.quietEnd}
              error={refusal.fields.quietEnd}
              data-testid="quiet-end"
              w={160}
            />
            <Text size="sm" c="gray.7" pb={8}>
              Clinic time ({view.data.timeZone}). Email due then waits until the end.
            </Text>
          </Group>
          {refusal.above && (
            <Alert color="red" title="Not saved" role="alert">
              {refusal.above}
            </Alert>
          )}
          <Button
            type="submit"
            leftSection={<Mail size={16} aria-hidden />}
            loading={save.isPending}
            w="fit-content"
            data-testid="email-save"
          >
            Save
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
