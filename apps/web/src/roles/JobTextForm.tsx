import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { type RoleDetail, saveJobText } from '@portalflow/contract';
import type { JobText } from '@portalflow/engine';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import { refusalOf, useFocusFirstRefused } from '../forms/fieldProblems.ts';
import { notifications } from '../shell/notifications.ts';

/** Each text's input, in the form's order: a refused one is said under it and takes the focus. */
const INPUTS: Record<keyof JobText, string> = {
  reportsTo: 'job-text-reports-to',
  skills: 'job-text-skills',
  languages: 'job-text-languages',
  hours: 'job-text-hours',
};
const KEYS = Object.keys(INPUTS);

/** The hand-written part of the job description (leads): saved with a revision check. */
export function JobTextForm({ detail }: { detail: RoleDetail }) {
  const client = useQueryClient();
  const [text, setText] = useState<JobText>(detail.text);
  useEffect(() => setText(detail.text), [detail.text]);
  const dirty = (Object.keys(text) as Array<keyof JobText>).some((k) => text[k] !== detail.text[k]);
  const focusRefused = useFocusFirstRefused();
  const save = useMutation({
    mutationFn: () =>
      call(saveJobText, {
        params: { id: detail.role.id },
        body: { ...text, revision: detail.textRevision },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: (saved) => {
      client.setQueryData(['roles', detail.role.id], saved);
      void client.invalidateQueries({ queryKey: ['roles'] });
      notifications.show({ color: 'teal', title: 'Saved', message: 'The job description text was saved.' });
    },
    onError: (error) => {
      const stale = error instanceof ApiError && error.status === 409;
      const refused = refusalOf(error, KEYS);
      if (!stale && refused.above === null) {
        focusRefused(refused.fields, INPUTS);
        return;
      }
      notifications.show({
        color: 'red',
        title: stale ? 'Someone else saved first' : 'Not saved',
        message: stale ? 'Their text is now shown; make your change again.' : error.message,
      });
      if (stale) void client.invalidateQueries({ queryKey: ['roles', detail.role.id] });
    },
  });
  const refused = refusalOf(save.error, KEYS).fields;
  const field = (key: keyof JobText) => ({
    id: INPUTS[key],
    value: text[key],
    error: refused[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setText((t) => ({ ...t, [key]: value }));
      if (refused[key]) save.reset();
    },
  });
  return (
    <Stack gap="xs" data-testid="job-text-form">
      <TextInput label="Reports to" {...field('reportsTo')} data-testid="job-text-reports-to" />
      <Textarea label="Skills" autosize minRows={2} {...field('skills')} data-testid="job-text-skills" />
      <TextInput label="Languages" {...field('languages')} data-testid="job-text-languages" />
      <TextInput label="Hours" {...field('hours')} data-testid="job-text-hours" />
      <Group>
        <Button
          onClick={() => save.mutate()}
          disabled={!dirty}
          loading={save.isPending}
          data-testid="job-text-save"
        >
          Save text
        </Button>
      </Group>
    </Stack>
  );
}
