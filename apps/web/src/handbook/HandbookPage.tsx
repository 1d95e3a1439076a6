import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { getHandbook, listVersions } from '@portalflow/contract';
import { workflowSvg } from '@portalflow/diagram';
import { type Handbook, recordText } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, Download, Printer } from 'lucide-react';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { call } from '../api/call.ts';
import { downloadText } from '../audit/download.ts';
import { WorkflowDiagram } from '../canvas/index.ts';
import { fetchText } from '../roles/api.ts';
import { keyed } from '../roles/keyed.ts';
import { notifications } from '../shell/notifications.ts';
import { formatWhen } from '../shell/time.ts';
import '../roles/print.css';
import './handbook.css';

const KIND: Record<Handbook['steps'][number]['kind'], string> = {
  task: 'Task',
  decision: 'Decision',
  parallel: 'In parallel',
  wait: 'Wait',
  end: 'End',
};

/** The handbook of one published version: diagram, steps, changes; printable and downloadable. */
export function HandbookPage() {
  const { id = '', v = '1' } = useParams();
  const navigate = useNavigate();
  const data = useQuery({
    queryKey: ['handbook', id, v],
    queryFn: () => call(getHandbook, { params: { id, v: Number(v) }, query: {} }),
  });
  const versions = useQuery({
    queryKey: ['definitions', id, 'versions'],
    queryFn: () => call(listVersions, { params: { id } }).then((r) => r.versions),
  });
  // The same pure drawing the server and CLI export, so paper matches the download.
  const svg = useMemo(
    () => (data.data ? workflowSvg(data.data.definition, data.data.layout) : ''),
    [data.data],
  );

  async function download(format: 'md' | 'svg') {
    try {
      const text = await fetchText(
        `/handbook/${encodeURIComponent(id)}/${encodeURIComponent(v)}?format=${format}`,
      );
      downloadText(
        format === 'md' ? `${id}-v${v}-handbook.md` : `${id}-v${v}.svg`,
        text,
        format === 'md' ? 'text/markdown;charset=utf-8' : 'image/svg+xml;charset=utf-8',
      );
    } catch (error) {
      notifications.show({ color: 'red', title: 'Download failed', message: (error as Error).message });
    }
  }

  if (data.isPending) return <Loader role="status" aria-label="Loading the handbook" m="md" />;
  if (data.error)
    return (
      <Alert color="red" m="md" title="Could not load this handbook">
        {data.error.message}
      </Alert>
    );
  const { handbook, definition, layout } = data.data;
  return (
    <Stack p="md" gap="md" className="pf-document" data-testid="handbook-page">
      <Anchor component={Link} to="/handbook" size="sm" className="pf-no-print">
        <Group gap={4}>
          <ArrowLeft size={14} aria-hidden /> All workflows
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} data-testid="handbook-title">
            {handbook.title}
          </Title>
          <Text size="sm" c="gray.7">
            Version {handbook.version} · published {formatWhen(handbook.publishedAt)}
          </Text>
        </Stack>
        <Group gap="xs" className="pf-no-print">
          <Select
            aria-label="Version"
            data={(versions.data ?? []).map((x) => ({
              value: String(x.version),
              label: `Version ${x.version}`,
            }))}
            value={v}
            onChange={(next) => next && navigate(`/handbook/${encodeURIComponent(id)}/${next}`)}
            w={140}
            data-testid="handbook-version"
          />
          <Button
            variant="default"
            leftSection={<Printer size={16} aria-hidden />}
            onClick={() => window.print()}
          >
            Print
          </Button>
          <Button
            variant="default"
            leftSection={<Download size={16} aria-hidden />}
            onClick={() => download('md')}
            data-testid="handbook-download-md"
          >
            Markdown
          </Button>
          <Button
            variant="default"
            leftSection={<Download size={16} aria-hidden />}
            onClick={() => download('svg')}
            data-testid="handbook-download-svg"
          >
            SVG
          </Button>
        </Group>
      </Group>
      {handbook.description && (
        <Text size="sm" maw={900}>
          {handbook.description}
        </Text>
      )}

      <div className="pf-no-print">
        <div className="diagram">
          <WorkflowDiagram definition={definition} layout={layout} testId="handbook-diagram" />
        </div>
      </div>
      <div className="pf-print-only svg" data-testid="handbook-svg">
        <img
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
          alt={`Swimlane diagram of ${definition.title}`}
        />
      </div>

      <section data-testid="handbook-changes">
        <Title order={3} size="h4">
          What changed
        </Title>
        {handbook.changes === null ? (
          <Text size="sm">First published version.</Text>
        ) : handbook.changes.length === 0 ? (
          <Text size="sm">No changes in the steps since version {handbook.previousVersion}.</Text>
        ) : (
          <>
            <Text size="sm">Since version {handbook.previousVersion}:</Text>
            <List size="sm" spacing={2}>
              {keyed(handbook.changes.map((c) => c.text)).map((c) => (
                <List.Item key={c.key}>{c.text}</List.Item>
              ))}
            </List>
          </>
        )}
      </section>

      <section>
        <Title order={3} size="h4">
          Roles (lanes)
        </Title>
        <Group gap="xs">
          {handbook.lanes.map((l) => (
            <Badge key={l.id} variant="outline" color="gray.8" tt="none">
              {l.name}
              {l.department ? ` · ${l.department}` : ''}
            </Badge>
          ))}
        </Group>
      </section>

      <section>
        <Title order={3} size="h4" mb="xs">
          Steps
        </Title>
        <Stack gap="sm">
          {handbook.steps.map((s, i) => (
            <Paper key={s.id} withBorder p="sm" data-testid="handbook-step">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Title order={4} size="h5">
                  {i + 1}. {s.title}
                </Title>
                <Group gap={4} wrap="nowrap">
                  <Badge variant="outline" color="gray.7">
                    {KIND[s.kind]}
                  </Badge>
                  {s.owner && (
                    <Badge variant="outline" color="teal.9" tt="none">
                      {s.owner}
                    </Badge>
                  )}
                </Group>
              </Group>
              {s.deadline && (
                <Text size="sm">
                  <strong>Deadline:</strong> {s.deadline}
                </Text>
              )}
              {s.ways.length > 0 && (
                <Text size="sm">
                  <strong>{s.kind === 'task' ? 'Outcomes' : 'Next'}:</strong>{' '}
                  {s.ways.map((w) => `${w.label} → ${w.to}`).join(' · ')}
                </Text>
              )}
              {s.records && (
                <Text size="sm" data-testid={`handbook-records-${s.id}`}>
                  <strong>Records:</strong> {s.records.map(recordText).join(' · ')}
                </Text>
              )}
              {s.description && <Text size="sm">{s.description}</Text>}
              {s.help && (
                <Text
                  size="sm"
                  c="gray.8"
                  mt={4}
                  style={{ borderLeft: '3px solid var(--mantine-color-teal-2)', paddingLeft: 8 }}
                >
                  {s.help}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      </section>
      <Text size="xs" c="gray.7" className="pf-print-only">
        {definition.title} — version {handbook.version}
        {layout ? '' : ' (diagram laid out automatically)'}
      </Text>
    </Stack>
  );
}
