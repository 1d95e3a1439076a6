import {
  Alert,
  Anchor,
  Button,
  Center,
  Checkbox,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import {
  applyMigration,
  createMigrationPlan,
  dryRunMigration,
  editMigrationPlan,
  getMigrationPlan,
  getMigrationRun,
  listMigrationPlans,
  listVersions,
  stopMigrationRun,
} from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowRight, ListChecks, Play } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import { toast } from '../editor/toast.ts';
import { countOf } from '../shell/plural.ts';
import { DryRunTable } from './DryRunTable.tsx';
import { MappingTable } from './MappingTable.tsx';
import { RunProgress } from './RunProgress.tsx';
import type { DryRun, PlanView, StepMapping } from './types.ts';
import { runEnded } from './types.ts';
import './migrate.css';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Moving running requests of a workflow from one published version to another: choose the versions,
 * check where each step continues (matched by the same step, or one of the same title), try it first
 * (nothing changes), then move them with progress and a Stop button.
 */
export function MigrationPage() {
  const definitionId = useParams().id!;
  const client = useQueryClient();
  const versions = useQuery({
    queryKey: ['versions', definitionId],
    queryFn: () => call(listVersions, { params: { id: definitionId } }),
  });
  const plans = useQuery({
    queryKey: ['migration-plans', definitionId],
    queryFn: () => call(listMigrationPlans, { query: { definitionId } }),
  });
  const list = versions.data?.versions.map((v) => v.version) ?? [];
  const latest = list.at(-1);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  useEffect(() => {
    if (latest !== undefined && to === null) {
      setTo(latest);
      setFrom(list.length > 1 ? list.at(-2)! : null);
    }
  }, [latest, to, list]);
  const existing = plans.data?.plans.find((p) => p.fromVersion === from && p.toVersion === to) ?? null;
  const [planId, setPlanId] = useState<string | null>(null);
  const currentPlanId = planId ?? existing?.id ?? null;

  const plan = useQuery({
    queryKey: ['migration-plan', currentPlanId],
    queryFn: () => call(getMigrationPlan, { params: { id: currentPlanId! } }),
    enabled: currentPlanId !== null,
  });
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  // The last try is kept past the move, to name and explain the requests it left behind.
  const [lastTried, setLastTried] = useState<DryRun | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const lastRun = plan.data?.runs?.[0];
  const activeRunId = runId ?? (lastRun && !runEnded(lastRun) ? lastRun.id : null);
  const run = useQuery({
    queryKey: ['migration-run', activeRunId],
    queryFn: () => call(getMigrationRun, { params: { id: currentPlanId!, runId: activeRunId! } }),
    enabled: activeRunId !== null && currentPlanId !== null,
    refetchInterval: (q) => (q.state.data && runEnded(q.state.data.run) ? false : 600),
  });
  const running = run.data ? !runEnded(run.data.run) : false;

  const create = useMutation({
    mutationFn: () =>
      call(createMigrationPlan, { body: { definitionId, fromVersion: from!, toVersion: to! } }),
    onSuccess: (view) => {
      client.setQueryData(['migration-plan', view.plan.id], { ...view, runs: [] });
      setPlanId(view.plan.id);
      setDryRun(null);
      setRunId(null);
      void client.invalidateQueries({ queryKey: ['migration-plans', definitionId] });
    },
    onError: (error) =>
      toast({ color: 'red', title: 'Could not match the steps', message: errorText(error) }),
  });
  const edit = useMutation({
    mutationFn: (mapping: StepMapping) =>
      call(editMigrationPlan, {
        params: { id: currentPlanId! },
        body: { mapping, revision: plan.data!.plan.revision },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: (view) => {
      client.setQueryData(['migration-plan', view.plan.id], (old: PlanView | undefined) => ({
        ...view,
        runs: old?.runs ?? [],
      }));
      setDryRun(null);
    },
    onError: (error) => {
      toast({
        color: 'red',
        title:
          error instanceof ApiError && error.status === 409
            ? 'Someone else changed this plan'
            : 'Change not saved',
        message: errorText(error),
      });
      void plan.refetch();
    },
  });
  // Practice runs stay on their version unless the lead asks: real work and training never move together by accident.
  const [includePractice, setIncludePractice] = useState(false);
  const dry = useMutation({
    mutationFn: () => call(dryRunMigration, { params: { id: currentPlanId! }, body: { includePractice } }),
    onSuccess: (tried) => {
      setDryRun(tried);
      setLastTried(tried);
    },
    onError: (error) => toast({ color: 'red', title: 'Could not try the move', message: errorText(error) }),
  });
  const [confirming, setConfirming] = useState(false);
  const apply = useMutation({
    mutationFn: () =>
      call(applyMigration, {
        params: { id: currentPlanId! },
        body: { includePractice },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: ({ run: started }) => {
      setConfirming(false);
      client.setQueryData(['migration-run', started.id], { run: started });
      setRunId(started.id);
    },
    onError: (error) => {
      setConfirming(false);
      toast({ color: 'red', title: 'Nothing moved', message: errorText(error) });
    },
  });
  const stop = useMutation({
    mutationFn: () =>
      call(stopMigrationRun, {
        params: { id: currentPlanId!, runId: activeRunId! },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: ({ run: stopped }) => client.setQueryData(['migration-run', stopped.id], { run: stopped }),
    onError: (error) => toast({ color: 'red', title: 'Could not stop', message: errorText(error) }),
  });
  // When a run ends, the trial no longer describes the requests: clear it.
  const ended = run.data && runEnded(run.data.run) ? run.data.run.id : null;
  useEffect(() => {
    if (ended) {
      setDryRun(null);
      void client.invalidateQueries({ queryKey: ['migration-plan', currentPlanId] });
    }
  }, [ended, client, currentPlanId]);

  const versionOptions = list.map((v) => ({ value: String(v), label: `Version ${v}` }));
  const view = plan.data;
  return (
    <div className="pf-migrate pf-contrast" data-testid="migration-page">
      <Stack gap="md">
        <Group justify="space-between">
          <div>
            <Anchor component={Link} to="/workflows" size="sm">
              Workflows
            </Anchor>
            <Title order={1} size="h3">
              Move running requests to a new version{view ? ` — ${view.workflow}` : ''}
            </Title>
          </div>
        </Group>
        {versions.isPending && (
          <Center p="xl">
            <Loader role="status" aria-label="Loading versions" />
          </Center>
        )}
        {versions.isError && <Alert color="red">{versions.error.message}</Alert>}
        {versions.isSuccess && list.length < 2 && (
          <Alert color="gray">Publish a second version of this workflow before moving requests to it.</Alert>
        )}
        {list.length >= 2 && (
          <Group align="flex-end" gap="sm">
            <Select
              label="From version"
              data={versionOptions}
              value={from === null ? null : String(from)}
              onChange={(v) => {
                setFrom(v ? Number(v) : null);
                setPlanId(null);
                setDryRun(null);
                setRunId(null);
              }}
              w={160}
              data-testid="migrate-from"
            />
            <ArrowRight size={18} aria-hidden style={{ marginBottom: 8 }} />
            <Select
              label="To version"
              data={versionOptions}
              value={to === null ? null : String(to)}
              onChange={(v) => {
                setTo(v ? Number(v) : null);
                setPlanId(null);
                setDryRun(null);
                setRunId(null);
              }}
              w={160}
              data-testid="migrate-to"
            />
            <Button
              variant={currentPlanId ? 'default' : 'filled'}
              onClick={() => create.mutate()}
              loading={create.isPending}
              disabled={from === null || to === null || from === to || running}
              data-testid="migrate-plan"
            >
              {currentPlanId ? 'Match the steps again' : `Move running requests to version ${to ?? ''}`}
            </Button>
          </Group>
        )}
        {list.length >= 2 && !currentPlanId && (
          <Text size="sm" maw={720} data-testid="migrate-intro">
            Requests started on an older version finish on it unless they are moved. Choose the versions: you
            then see where each step continues in the new one, can change it, and can try the move (nothing
            changes) before any request moves.
          </Text>
        )}
        {plan.isPending && currentPlanId && (
          <Center p="md">
            <Loader role="status" aria-label="Loading plan" />
          </Center>
        )}
        {view && (
          <>
            <Stack gap={4}>
              <Title order={2} size="h5">
                Step mapping
              </Title>
              <Text size="sm">
                Each step where a request can be waiting in version {view.plan.fromVersion}, and the step of
                version {view.plan.toVersion} it continues at: matched by the same step where version{' '}
                {view.plan.toVersion} still has it (or a step of the same title). Change any of them.
              </Text>
            </Stack>
            <MappingTable
              from={view.from}
              to={view.to}
              mapping={view.plan.mapping}
              fromVersion={view.plan.fromVersion}
              toVersion={view.plan.toVersion}
              disabled={edit.isPending || running}
              onChange={(step, target) => edit.mutate({ ...view.plan.mapping, [step]: target })}
            />
            <Checkbox
              label="Include practice runs"
              description="Off: only real requests move; staff's practice runs stay on their version."
              checked={includePractice}
              onChange={(e) => {
                setIncludePractice(e.currentTarget.checked);
                setDryRun(null);
              }}
              disabled={running}
              data-testid="migrate-include-practice"
            />
            <Group gap="sm">
              <Button
                variant="default"
                leftSection={<ListChecks size={16} aria-hidden />}
                onClick={() => dry.mutate()}
                loading={dry.isPending}
                disabled={edit.isPending || running}
                data-testid="migrate-dry-run"
              >
                Try it first (nothing changes)
              </Button>
              <Button
                leftSection={<Play size={16} aria-hidden />}
                onClick={() => setConfirming(true)}
                disabled={!dryRun || dryRun.summary.movable === 0 || running || edit.isPending}
                data-testid="migrate-apply"
              >
                {dryRun ? `Move ${countOf(dryRun.summary.movable, 'request')}…` : 'Move requests…'}
              </Button>
              {!dryRun && !running && (
                <Text size="sm" c="gray.7">
                  Try it first to see which requests would move, and where to.
                </Text>
              )}
            </Group>
            {run.data && (
              <RunProgress
                run={run.data.run}
                results={run.data.results ?? []}
                onStop={() => stop.mutate()}
                stopping={stop.isPending}
                tried={lastTried}
                from={view.from}
                toVersion={view.plan.toVersion}
              />
            )}
            {dryRun && <DryRunTable dryRun={dryRun} from={view.from} toVersion={view.plan.toVersion} />}
          </>
        )}
      </Stack>
      {confirming && dryRun && view && (
        <Modal
          opened
          onClose={() => setConfirming(false)}
          title="Move running requests?"
          className="pf-contrast"
          closeButtonProps={{ 'aria-label': 'Close' }}
        >
          <Stack gap="sm">
            <Text size="sm">
              {countOf(dryRun.summary.movable, 'request')}
              {dryRun.summary.movable === 1 ? ' moves' : ' move'} from version {view.plan.fromVersion} to
              version {view.plan.toVersion}, one at a time; open tasks go to their new owners' pools.{' '}
              {dryRun.summary.blocked} stay where they are. You can stop part way.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button onClick={() => apply.mutate()} loading={apply.isPending} data-testid="migrate-confirm">
                Move {countOf(dryRun.summary.movable, 'request')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </div>
  );
}
