import {
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  Loader,
  ScrollArea,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { getVersion, listVersions } from '@portalflow/contract';
import type { Definition } from '@portalflow/engine';
import { parseDefinition } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { History as HistoryIcon } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { call } from '../api/call.ts';
import { diffVersions } from '../model/diff.ts';
import { type EditorDocument, type Layout, readLayout } from '../model/document.ts';
import { formatWhen } from '../shell/time.ts';
import { ChangeList } from './ChangeList.tsx';

export interface Side {
  label: string;
  definition: Definition;
  layout: Layout;
}

export const DRAFT = 'draft';

function useVersionSide(id: string, which: string | null, draft: EditorDocument): Side | null | undefined {
  const v = which && which !== DRAFT ? Number(which) : null;
  const q = useQuery({
    queryKey: ['version', id, v],
    queryFn: () => call(getVersion, { params: { id, v: v! } }),
    enabled: v !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  // Memoised: a new object each render would re-run the comparison (and the canvas) forever.
  return useMemo(() => {
    if (!which) return null;
    if (which === DRAFT) return { label: 'Draft (now)', definition: draft.definition, layout: draft.layout };
    if (!q.data) return undefined;
    return {
      label: `Version ${v}`,
      definition: parseDefinition(q.data.version.definition),
      layout: readLayout(q.data.version.layout),
    };
  }, [which, draft, q.data, v]);
}

/**
 * Versions and a visual comparison of any two (or a version and the current draft): the list of
 * changes here, the canvas colours added, removed and changed steps. A version can be restored as
 * the new draft.
 */
export function ComparePanel({
  id,
  draft,
  initial,
  onCompare,
  onRestore,
  onClose,
}: {
  id: string;
  draft: EditorDocument;
  initial?: { before: Side; after: Side };
  onCompare: (pair: { before: Side; after: Side } | null) => void;
  onRestore: (side: Side) => void;
  onClose: () => void;
}) {
  const versions = useQuery({
    queryKey: ['versions', id],
    queryFn: () => call(listVersions, { params: { id } }),
  });
  const list = versions.data?.versions ?? [];
  const latest = list[list.length - 1]?.version;
  const [from, setFrom] = useState<string | null>(
    initial ? null : latest !== undefined ? String(latest) : null,
  );
  const [to, setTo] = useState<string | null>(initial ? null : DRAFT);
  useEffect(() => {
    if (!initial && from === null && latest !== undefined) setFrom(String(latest));
  }, [initial, from, latest]);
  const before = useVersionSide(id, from, draft);
  const after = useVersionSide(id, to, draft);
  const pair = useMemo(
    () => (before && after ? { before, after } : (initial ?? null)),
    [before, after, initial],
  );
  useEffect(() => onCompare(pair), [pair, onCompare]);
  const diff = useMemo(
    () => (pair ? diffVersions(pair.before.definition, pair.after.definition) : null),
    [pair],
  );
  const options = [
    { value: DRAFT, label: 'Draft (now)' },
    ...[...list].reverse().map((v) => ({
      value: String(v.version),
      label: `Version ${v.version} · ${formatWhen(v.publishedAt)}`,
    })),
  ];
  return (
    <aside className="pf-inspector" aria-label="Versions and comparison" data-testid="compare-panel">
      <Title order={2} size="h5" px="sm" pt="xs" pb={4}>
        Compare versions
      </Title>
      <ScrollArea className="pf-inspector-scroll" type="auto" offsetScrollbars>
        <Stack gap={8} className="pf-inspector-body">
          {initial && !from && !to ? (
            <Alert color="orange" p="xs">
              Showing {initial.after.label} against {initial.before.label}.
            </Alert>
          ) : (
            // One above the other: side by side, "v1 · Today 4:23 PM" was cut in the panel's width.
            <Stack gap={4}>
              <Select
                size="xs"
                label="From"
                data={options}
                value={from}
                onChange={setFrom}
                allowDeselect={false}
                data-testid="compare-from"
              />
              <Select
                size="xs"
                label="To"
                data={options}
                value={to}
                onChange={setTo}
                allowDeselect={false}
                data-testid="compare-to"
              />
            </Stack>
          )}
          <Group gap={4}>
            <Badge color="green" variant="light">
              Added
            </Badge>
            <Badge color="red" variant="light">
              Removed (dashed)
            </Badge>
            <Badge color="orange" variant="light">
              Changed
            </Badge>
          </Group>
          {(before === undefined || after === undefined) && (
            <Loader size="sm" role="status" aria-label="Loading version" />
          )}
          {diff && pair && (
            <ChangeList diff={diff} before={pair.before.definition} after={pair.after.definition} />
          )}
          <Divider label="Published versions" labelPosition="left" />
          {versions.isPending && <Loader size="sm" role="status" aria-label="Loading versions" />}
          {list.length === 0 && !versions.isPending && (
            <Text size="sm" c="dimmed">
              Not published yet. Publish to create version 1.
            </Text>
          )}
          {[...list].reverse().map((v) => (
            <Group
              key={v.version}
              gap={6}
              justify="space-between"
              wrap="nowrap"
              data-testid={`version-${v.version}`}
            >
              {/* The name on one line, when it was published on the next: a narrow panel never splits the time. */}
              <div>
                <Text size="sm" fw={700}>
                  Version {v.version}
                </Text>
                <Text size="xs" c="gray.7" className="pf-time">
                  {formatWhen(v.publishedAt)}
                </Text>
              </div>
              <Group gap={4} wrap="nowrap">
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => {
                    setFrom(String(v.version));
                    setTo(DRAFT);
                  }}
                >
                  Compare
                </Button>
                <RestoreButton id={id} version={v.version} onRestore={onRestore} />
              </Group>
            </Group>
          ))}
          <Button variant="default" size="compact-sm" onClick={onClose} data-testid="compare-close">
            Back to editing
          </Button>
        </Stack>
      </ScrollArea>
    </aside>
  );
}

function RestoreButton({
  id,
  version,
  onRestore,
}: {
  id: string;
  version: number;
  onRestore: (side: Side) => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="compact-xs"
      variant="light"
      leftSection={<HistoryIcon size={12} aria-hidden />}
      loading={busy}
      aria-label={`Restore version ${version} as the draft`}
      onClick={async () => {
        setBusy(true);
        try {
          const res = await call(getVersion, { params: { id, v: version } });
          onRestore({
            label: `Version ${version}`,
            definition: parseDefinition(res.version.definition),
            layout: readLayout(res.version.layout),
          });
        } finally {
          setBusy(false);
        }
      }}
    >
      Restore
    </Button>
  );
}
