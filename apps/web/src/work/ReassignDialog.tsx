import { Alert, Button, Group, List, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { type BulkReassignBody, bulkReassign } from '@portalflow/contract';
import { useQueryClient } from '@tanstack/react-query';
import { CircleCheck, TriangleAlert } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import type { Task } from '../api/types.ts';
import { useFocusFirstRefused } from '../forms/fieldProblems.ts';
import { notifications } from '../shell/notifications.ts';
import { AMBER_TEXT } from './palette.ts';
import { type BulkResult, openCountByAssignee, summarizeResults } from './team.ts';
import { thePool } from './thePool.ts';
import type { Person } from './usePeople.ts';
import { useRoleName } from './useRoleName.ts';

export type ReassignMode = { kind: 'selected'; taskIds: string[] } | { kind: 'absent' };

type Target = 'own-pool' | 'person' | 'role';

/** Refusals about the chosen person or role: said under that field, back on the form. */
const PERSON_REFUSED = new Set(['ASSIGNEE_INVALID', 'ASSIGNEE_DISABLED', 'ASSIGNEE_LOST_ROLE']);
const ROLE_REFUSED = new Set(['ROLE_UNSTAFFED']);
const FIELD_IDS = { person: 'reassign-person-input', role: 'reassign-role-input' } as const;

interface Props {
  mode: ReassignMode | null;
  onClose: () => void;
  onDone: () => void;
  /** All open tasks (for counts and role checks). */
  tasks: Task[];
  roles: string[];
  /** Accounts with names and roles; empty when the viewer is not an admin. */
  people: Map<string, Person>;
  nameOf: (id: string | null | undefined, fallback?: string) => string;
}

const CHUNK = 500;

/**
 * Bulk reassignment with a confirmation step and a results summary: the selected tasks, or every
 * open task of an absent colleague, to a person, to a role's pool, or back to each task's own pool.
 */
export function ReassignDialog({ mode, onClose, onDone, tasks, roles, people, nameOf }: Props) {
  const client = useQueryClient();
  const roleName = useRoleName();
  const [stage, setStage] = useState<'form' | 'confirm' | 'done'>('form');
  const [from, setFrom] = useState<string | null>(null);
  const [target, setTarget] = useState<Target>('own-pool');
  const [person, setPerson] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<BulkResult[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [refused, setRefused] = useState<Partial<Record<'person' | 'role', string>>>({});
  const focusRefused = useFocusFirstRefused();

  useEffect(() => {
    if (!mode) return;
    setStage('form');
    setFrom(null);
    setTarget(mode.kind === 'absent' ? 'own-pool' : 'person');
    setPerson(null);
    setRole(null);
    setReason('');
    setResults([]);
    setFailure(null);
    setRefused({});
  }, [mode]);

  const label = useCallback((id: string) => nameOf(id, `User ${id.slice(0, 8)}`), [nameOf]);
  const counts = useMemo(() => openCountByAssignee(tasks), [tasks]);
  const fromOptions = useMemo(
    () =>
      [...counts]
        .map(([id, n]) => ({ value: id, label: `${label(id)} · ${n} open` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [counts, label],
  );
  const affected = useMemo(
    () =>
      !mode
        ? []
        : mode.kind === 'selected'
          ? tasks.filter((t) => mode.taskIds.includes(t.id))
          : tasks.filter((t) => from && t.assignee === from),
    [mode, tasks, from],
  );
  // The roles the work needs: only someone holding every one of them can be given it all.
  const needed = useMemo(() => [...new Set(affected.map((t) => t.role))].sort(), [affected]);
  const personOptions = useMemo(() => {
    if (people.size > 0)
      return [...people.values()]
        .filter((p) => !p.disabled && p.id !== from && needed.every((r) => p.roles.includes(r)))
        .map((p) => ({
          value: p.id,
          label: `${p.displayName} (${p.username})${p.roles.length ? ` — ${p.roles.map(roleName).join(', ')}` : ''}`,
        }))
        .sort((a, b) => a.label.localeCompare(b.label));
    return [...counts.keys()].filter((id) => id !== from).map((id) => ({ value: id, label: label(id) }));
  }, [people, counts, from, label, roleName, needed]);

  if (!mode) return null;

  // With the staff list in and the work known, an empty list means nobody can take it: say so.
  const nobodyCan = people.size > 0 && needed.length > 0 && personOptions.length === 0;
  const count = mode.kind === 'selected' ? mode.taskIds.length : affected.length;
  const ready =
    (mode.kind === 'selected' || from !== null) &&
    count > 0 &&
    (target === 'own-pool' ||
      (target === 'person' && person !== null) ||
      (target === 'role' && role !== null));

  const targetText =
    target === 'person'
      ? label(person ?? '')
      : target === 'role'
        ? thePool(roleName(role))
        : "each task's own pool";
  const sourceText =
    mode.kind === 'selected'
      ? `${count} selected ${count === 1 ? 'task' : 'tasks'}`
      : `all ${count} open ${count === 1 ? 'task' : 'tasks'} of ${label(from ?? '')}`;
  const personRoles = person ? people.get(person)?.roles : undefined;
  const cannotComplete =
    target === 'person' && personRoles ? affected.filter((t) => !personRoles.includes(t.role)).length : 0;

  function body(): Omit<BulkReassignBody, 'from' | 'taskIds'> {
    const b: Omit<BulkReassignBody, 'from' | 'taskIds'> = {};
    if (target === 'person') b.assignee = person;
    else if (target === 'role') {
      b.role = role ?? undefined;
      b.assignee = null;
    } else b.assignee = null;
    if (reason.trim()) b.reason = reason.trim();
    return b;
  }

  async function run() {
    setBusy(true);
    setFailure(null);
    try {
      const all: BulkResult[] = [];
      if (mode?.kind === 'selected') {
        for (let i = 0; i < mode.taskIds.length; i += CHUNK) {
          const r = await call(bulkReassign, {
            body: { taskIds: mode.taskIds.slice(i, i + CHUNK), ...body() },
          });
          all.push(...r.results);
        }
      } else {
        const r = await call(bulkReassign, { body: { from: from ?? undefined, ...body() } });
        all.push(...r.results);
      }
      setResults(all);
      setStage('done');
      const s = summarizeResults(all);
      notifications.show({
        color: s.moved === s.total ? 'teal' : 'orange',
        title: 'Reassignment finished',
        message: `Moved ${s.moved} of ${s.total} ${s.total === 1 ? 'task' : 'tasks'} to ${targetText}.`,
      });
      void client.invalidateQueries({ queryKey: ['tasks'] });
      onDone();
    } catch (error) {
      const about =
        error instanceof ApiError
          ? target === 'person' && PERSON_REFUSED.has(error.code)
            ? 'person'
            : target === 'role' && ROLE_REFUSED.has(error.code)
              ? 'role'
              : null
          : null;
      if (error instanceof ApiError && about) {
        // The choice is what to change: back to the form with it cleared, the words under it, the
        // focus there, and the people read again so the list offers only who can take the work now.
        const said = { [about]: error.message };
        setRefused(said);
        if (about === 'person') setPerson(null);
        else setRole(null);
        setStage('form');
        focusRefused(said, FIELD_IDS);
        void client.invalidateQueries({ queryKey: ['people'] });
        return;
      }
      setFailure(
        error instanceof ApiError || error instanceof Error ? error.message : 'The reassignment failed.',
      );
    } finally {
      setBusy(false);
    }
  }

  const summary = summarizeResults(results);
  const title = mode.kind === 'selected' ? 'Reassign selected tasks' : "Reassign an absent colleague's work";

  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened
      onClose={busy ? () => undefined : onClose}
      title={title}
      size="lg"
      data-testid="reassign-dialog"
    >
      {stage === 'form' && (
        <Stack gap="sm">
          {mode.kind === 'absent' && fromOptions.length === 0 && (
            <Alert color="gray" variant="light" title="Whose work?" data-testid="reassign-from-none">
              Nobody holds an open task now, so there is no one's work to move. Work waiting in a pool is on
              the list of everyone who holds its role.
            </Alert>
          )}
          {mode.kind === 'absent' && fromOptions.length > 0 && (
            <Select
              label="Whose work?"
              description={
                people.size === 0
                  ? 'People who hold open tasks (their names could not be loaded).'
                  : 'People who hold open tasks.'
              }
              placeholder="Choose a colleague"
              data={fromOptions}
              value={from}
              onChange={setFrom}
              searchable
              data-testid="reassign-from"
            />
          )}
          {mode.kind === 'selected' && <Text size="sm">{sourceText}</Text>}
          <Radio.Group label="Move them to" value={target} onChange={(v) => setTarget(v as Target)}>
            <Stack gap={6} mt={6}>
              <Radio
                value="own-pool"
                label="Back to each task's own pool (unassigned)"
                data-testid="reassign-target-own-pool"
              />
              <Radio value="person" label="A person" data-testid="reassign-target-person" />
              <Radio value="role" label="Another role's pool" data-testid="reassign-target-role" />
            </Stack>
          </Radio.Group>
          {target === 'person' && nobodyCan && (
            <Alert color="orange" variant="light" data-testid="reassign-nobody">
              {needed.length === 1
                ? `Nobody else holds the role ${roleName(needed[0])}, so nobody can be given this work.`
                : `Nobody else holds all the roles of this work (${needed.map(roleName).join(', ')}), so nobody can be given all of it.`}{' '}
              Move it back to {needed.length === 1 ? 'its pool' : "each task's own pool"}, or to another
              role's pool.
            </Alert>
          )}
          {target === 'person' && !nobodyCan && (
            <Select
              label="Person"
              description={
                needed.length > 0 && people.size > 0
                  ? `Active people who hold ${needed.length === 1 ? 'the role' : 'every role'} of this work: ${needed.map(roleName).join(', ')}.`
                  : undefined
              }
              placeholder="Choose a person"
              data={personOptions}
              value={person}
              onChange={(v) => {
                setPerson(v);
                setRefused({});
              }}
              id={FIELD_IDS.person}
              error={refused.person}
              // The focus a refusal puts here leaves its words in sight (an open list would cover them).
              openOnFocus={false}
              searchable
              nothingFoundMessage="Nobody found"
              data-testid="reassign-person"
            />
          )}
          {target === 'role' && (
            <Select
              label="Role"
              placeholder="Choose a role"
              data={roles.map((r) => ({ value: r, label: roleName(r) }))}
              value={role}
              onChange={(v) => {
                setRole(v);
                setRefused({});
              }}
              id={FIELD_IDS.role}
              error={refused.role}
              openOnFocus={false}
              searchable
              data-testid="reassign-role"
            />
          )}
          <Textarea
            label="Reason (optional)"
            description="Recorded in each task's history, e.g. “Sam out sick today”."
            autosize
            minRows={1}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button disabled={!ready} onClick={() => setStage('confirm')} data-testid="reassign-review">
              Review
            </Button>
          </Group>
        </Stack>
      )}
      {stage === 'confirm' && (
        <Stack gap="sm">
          <Alert
            color="orange"
            icon={<TriangleAlert size={18} aria-hidden />}
            title="Please confirm"
            styles={{ title: { color: AMBER_TEXT }, icon: { color: AMBER_TEXT } }}
          >
            Move {sourceText} to {targetText}? Whoever holds them now loses them, and each change is recorded
            in the audit history.
          </Alert>
          {cannotComplete > 0 && (
            <Alert color="red" variant="light" icon={<TriangleAlert size={16} aria-hidden />}>
              {label(person ?? '')} does not hold the role of {cannotComplete} of these tasks, so the server
              will not give them these tasks. Choose someone who holds the role, or move them to a pool.
            </Alert>
          )}
          {failure && (
            <Alert color="red" title="Nothing was changed" role="alert">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStage('form')} disabled={busy}>
              Back
            </Button>
            <Button
              color="red.9"
              onClick={() => void run()}
              loading={busy}
              disabled={cannotComplete > 0}
              data-testid="reassign-confirm"
            >
              Reassign {count} {count === 1 ? 'task' : 'tasks'}
            </Button>
          </Group>
        </Stack>
      )}
      {stage === 'done' && (
        <Stack gap="sm" data-testid="reassign-results">
          <Alert
            color={summary.moved === summary.total ? 'teal' : 'orange'}
            styles={{
              title: { color: summary.moved === summary.total ? 'var(--mantine-color-teal-9)' : AMBER_TEXT },
            }}
            icon={
              summary.moved === summary.total ? (
                <CircleCheck size={18} aria-hidden />
              ) : (
                <TriangleAlert size={18} aria-hidden />
              )
            }
            title={`Moved ${summary.moved} of ${summary.total} ${summary.total === 1 ? 'task' : 'tasks'}`}
            role="status"
          >
            {summary.total === 0
              ? 'There was nothing to move.'
              : summary.moved === summary.total
                ? `All of them are now with ${targetText}.`
                : 'The others stayed where they were:'}
            {summary.failures.length > 0 && (
              <List size="sm" mt={4}>
                {summary.failures.map((f) => (
                  <List.Item key={f.message}>
                    {f.count} × {f.message}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="reassign-close">
              Done
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
