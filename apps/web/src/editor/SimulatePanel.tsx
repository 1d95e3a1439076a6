import {
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  Progress,
  ScrollArea,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type Definition, idToWords } from '@portalflow/engine';
import { Clock, RotateCcw, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { formatDateTime } from '../shell/time.ts';
import { SimStartForm } from './SimStartForm.tsx';
import { SimStartInput } from './SimStartInput.tsx';
import { SimTaskCard } from './SimTaskCard.tsx';
import type { Simulation } from './useSimulation.ts';

const ADVANCE = [
  { value: 'PT1H', label: '1 hour' },
  { value: 'PT4H', label: '4 hours' },
  { value: 'P1D', label: '1 day' },
  { value: 'P2D', label: '2 days' },
  { value: 'P1W', label: '1 week' },
  { value: 'P30D', label: '30 days' },
];

function Meter({ label, covered, total }: { label: string; covered: number; total: number }) {
  return (
    <div>
      <Group justify="space-between" gap={4}>
        <Text size="xs">{label}</Text>
        <Text size="xs" fw={600}>
          {covered} / {total}
        </Text>
      </Group>
      <Progress
        value={total ? (covered / total) * 100 : 100}
        size="sm"
        aria-label={`${label}: ${covered} of ${total} covered`}
      />
    </div>
  );
}

/** Where the run stands, in words: not started (the start form waits), under way, or how it ended. */
function RunBadge({ waiting, status, end }: { waiting: boolean; status: string; end: string | undefined }) {
  if (waiting) return <Badge color="gray">Not started</Badge>;
  if (status === 'done') return <Badge color="teal">Ended: {idToWords(end ?? 'done')}</Badge>;
  if (status === 'cancelled') return <Badge color="gray">Cancelled</Badge>;
  return <Badge color="blue">Under way</Badge>;
}

/** Step through the workflow: pick outcomes for open tasks, send signals, move the clock. */
export function SimulatePanel({ definition, sim }: { definition: Definition; sim: Simulation }) {
  const [by, setBy] = useState<string>('PT4H');
  const [advanced, setAdvanced] = useState(false);
  const { result, actions } = sim;
  const status = result.snapshot?.status ?? 'active';
  const waiting = sim.startProblem !== null;
  return (
    <aside className="pf-inspector" aria-label="Simulation" data-testid="simulate-panel">
      <Title order={2} size="h5" px="sm" pt="xs" pb={4}>
        Simulation · run {sim.runs}
      </Title>
      <ScrollArea className="pf-inspector-scroll" type="auto" offsetScrollbars>
        <Stack gap={8} className="pf-inspector-body">
          <Group gap={6}>
            <RunBadge waiting={waiting} status={status} end={result.snapshot?.end?.outcome} />
            <Text size="xs" c="dimmed" data-testid="sim-clock">
              <Clock size={11} aria-hidden /> {formatDateTime(result.clock)}
            </Text>
          </Group>
          {sim.rejected && (
            <Alert color="orange" title="The engine refused that event" data-testid="simulate-rejected">
              {sim.rejected}
            </Alert>
          )}
          {result.error && (
            <Alert
              color="red"
              title={
                result.history.length === 0
                  ? 'This workflow cannot run yet'
                  : 'The engine refused the last event'
              }
              data-testid="simulate-error"
            >
              {result.error.message}
            </Alert>
          )}
          <SimStartForm sim={sim} />
          {actions.length === 0 && status === 'active' && !waiting && <Text size="sm">Nothing is open.</Text>}
          {actions.map((a) => (
            <SimTaskCard
              key={`${sim.runKey}-${a.token}`}
              action={a}
              definition={definition}
              known={result.snapshot?.context.data ?? {}}
              onComplete={(outcome, data) => sim.complete(a, outcome, data)}
              onSignal={sim.signal}
            />
          ))}
          <SimStartInput start={sim.start} onChange={sim.setStart} />
          <Group gap={4} align="flex-end" wrap="nowrap">
            <Select
              size="xs"
              label="Advance time by"
              data={ADVANCE}
              value={by}
              onChange={(v) => v && setBy(v)}
              allowDeselect={false}
              style={{ flex: 1 }}
            />
            <Button
              size="compact-sm"
              onClick={() => sim.advance(by)}
              disabled={status !== 'active'}
              data-testid="sim-advance"
            >
              Advance
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Deadlines that fall due fire in order; business deadlines count clinic hours.
          </Text>
          <Group gap={4}>
            <Button
              size="compact-xs"
              variant="default"
              leftSection={<Undo2 size={12} aria-hidden />}
              onClick={sim.undoLast}
              disabled={!sim.canStepBack}
            >
              Step back
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              leftSection={<RotateCcw size={12} aria-hidden />}
              onClick={sim.newRun}
            >
              New run
            </Button>
          </Group>
          {/* The start form's answers written as data, for the odd decision that reads a key no start
              form asks for: out of the way, and open whenever what is typed there cannot be read. */}
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => setAdvanced((a) => !a)}
            aria-expanded={advanced || !!sim.dataError}
            style={{ alignSelf: 'flex-start' }}
            data-testid="sim-advanced"
          >
            Advanced: the data the run starts with
          </Button>
          {(advanced || !!sim.dataError) && (
            <Textarea
              size="xs"
              label="Starting data"
              description="The start form's answers written as data, kept in step with it. Add to them only for a decision that reads something the form does not ask, e.g. &quot;urgent&quot;: true. A change starts the run again."
              value={sim.data}
              onChange={(e) => sim.setData(e.currentTarget.value)}
              error={sim.dataError}
              autosize
              minRows={2}
              styles={{ input: { fontFamily: 'ui-monospace, monospace' } }}
            />
          )}
          <Divider label="Path coverage (all runs)" labelPosition="left" />
          <Stack gap={6} data-testid="sim-coverage">
            <Meter
              label="Steps reached"
              covered={sim.coverage.steps.covered}
              total={sim.coverage.steps.total}
            />
            <Meter
              label="Arrows taken"
              covered={sim.coverage.edges.covered}
              total={sim.coverage.edges.total}
            />
            <Meter
              label="Outcomes chosen"
              covered={sim.coverage.outcomes.covered}
              total={sim.coverage.outcomes.total}
            />
            <Meter
              label="Deadlines fired"
              covered={sim.coverage.deadlines.covered}
              total={sim.coverage.deadlines.total}
            />
            <Text size="xs">
              Overall {Math.round(sim.coverage.ratio * 100)}% of steps, arrows and deadlines.
            </Text>
          </Stack>
        </Stack>
      </ScrollArea>
    </aside>
  );
}
