import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { createDefinition, type DefinitionSummary, hasDraftDetails } from '@portalflow/contract';
import type { Definition } from '@portalflow/engine';
import { useQueryClient } from '@tanstack/react-query';
import { Plus, Workflow } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import { useDefinitionList } from '../api/useDefinitionList.ts';
import { slugify, starterDefinition, uniqueId } from '../model/document.ts';
import { focusOnShow } from '../shell/focusOnShow.ts';
import { formatWhen } from '../shell/time.ts';
import { askForDraft } from './askForDraft.ts';
import { ImportButton, type Imported } from './ImportButton.tsx';
import { ImportConflictDialog } from './ImportConflictDialog.tsx';
import { importCopy } from './importCopy.ts';
import { KeepWorkflowDialog } from './KeepWorkflowDialog.tsx';
import { type KeepingAction, keepingAction } from './keepingAction.ts';
import { toast } from './toast.ts';
import { publishedBadge } from './versionWords.ts';
import './editor.css';

const KEEPING_LABELS: Record<KeepingAction, string> = {
  delete: 'Delete draft',
  retire: 'Retire',
  'bring-back': 'Bring back',
};

/** What the lead is told once a file became a new workflow: one message, in words. */
function importedToast(definition: Definition, imported: Omit<Imported, 'definition'>): void {
  const report = imported.report;
  if (report && (report.skipped.length > 0 || report.warnings.length > 0)) return; // the editor shows its report
  toast({
    color: 'teal',
    title: `Imported “${definition.title}”`,
    message: report
      ? `Every element of ${report.file} was imported. It is a draft: publish it when it is ready.`
      : 'It is a draft: publish it when it is ready.',
  });
}

/** Creating a workflow; a workflow already in the list answers `exists` instead (nothing was made). */
function useCreate() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return async (
    definition: Definition,
    imported?: Omit<Imported, 'definition'>,
  ): Promise<string | 'exists' | null> => {
    try {
      await call(createDefinition, {
        body: imported?.layout !== undefined ? { definition, layout: imported.layout } : { definition },
        idempotencyKey: newIdempotencyKey(),
      });
      void client.invalidateQueries({ queryKey: ['definitions'] });
      if (imported) importedToast(definition, imported);
      // A BPMN import's report is shown in the editor it opens.
      const report = imported?.report;
      navigate(
        `/workflows/${encodeURIComponent(definition.id)}`,
        report && (report.skipped.length > 0 || report.warnings.length > 0)
          ? { state: { bpmnReport: report } }
          : {},
      );
      return null;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'DEFINITION_EXISTS') return 'exists';
      return error instanceof Error ? error.message : String(error);
    }
  };
}

function NewWorkflow({ onClose, taken }: { onClose: () => void; taken: Set<string> }) {
  const create = useCreate();
  const [title, setTitle] = useState('');
  const [id, setId] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const effectiveId = touched ? id : slugify(title, '');
  const idError = !effectiveId
    ? undefined
    : !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(effectiveId)
      ? 'Letters, digits, - and _'
      : taken.has(effectiveId)
        ? 'Already used by another workflow'
        : undefined;
  const submit = async () => {
    if (!title.trim() || !effectiveId || idError) return;
    setBusy(true);
    const problem = await create(starterDefinition(effectiveId, title.trim()));
    setError(
      problem === 'exists' ? 'Another workflow already uses this name in links: choose another.' : problem,
    );
    setBusy(false);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title="New workflow"
      className="pf-contrast"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="sm">
        <TextInput
          label="Title"
          placeholder="Refill request from the portal"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          data-autofocus
          ref={focusOnShow}
          required
          data-testid="new-workflow-title"
        />
        <TextInput
          label="Name in links"
          description="Used in links, exported files and by connected systems; cannot change later"
          value={effectiveId}
          onChange={(e) => {
            setTouched(true);
            setId(e.currentTarget.value);
          }}
          error={idError}
          data-testid="new-workflow-id"
        />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={submit}
            loading={busy}
            disabled={!title.trim() || !effectiveId || !!idError}
            data-testid="new-workflow-create"
          >
            Create and open
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The designer's list of workflows with their live version; create, import, retire or delete one. */
export function WorkflowsPage() {
  const [showRetired, setShowRetired] = useState(false);
  const query = useDefinitionList(showRetired);
  const create = useCreate();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [keeping, setKeeping] = useState<{ workflow: DefinitionSummary; action: KeepingAction } | null>(null);
  const [conflict, setConflict] = useState<Imported | null>(null);
  const list = query.data ?? [];
  const importFile = async ({ definition, ...imported }: Imported) => {
    const problem = await create(definition, imported);
    if (problem === 'exists') setConflict({ definition, ...imported });
    else if (problem) toast({ color: 'red', title: 'Not imported', message: problem });
  };
  const existing = conflict && list.find((d) => d.id === conflict.definition.id);
  const copy = conflict && importCopy(conflict.definition, (id) => list.some((d) => d.id === id));
  const importAsCopy = async (title: string): Promise<string | null> => {
    if (!conflict) return null;
    const { definition, ...imported } = conflict;
    const id = uniqueId(slugify(title, `${definition.id}-copy`), (x) => list.some((d) => d.id === x));
    const problem = await create({ ...definition, id, title }, imported);
    if (problem === 'exists') return 'Another workflow already uses this name: choose another.';
    if (problem === null) setConflict(null);
    return problem;
  };
  return (
    <div className="pf-workflows pf-contrast" data-testid="workflows-page">
      <Group justify="space-between" mb="md">
        <Title order={1} size="h3">
          Workflows
        </Title>
        <Group gap="xs">
          <Switch
            label="Show retired"
            checked={showRetired}
            onChange={(e) => setShowRetired(e.currentTarget.checked)}
            data-testid="show-retired"
          />
          <ImportButton onImport={importFile} label="Import JSON or BPMN" />
          <Button
            size="compact-sm"
            leftSection={<Plus size={14} aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="new-workflow"
          >
            New workflow
          </Button>
        </Group>
      </Group>
      {query.isPending && (
        <Center p="xl">
          <Loader role="status" aria-label="Loading workflows" />
        </Center>
      )}
      {query.isError && <Alert color="red">{query.error.message}</Alert>}
      {query.isSuccess && list.length === 0 && (
        <Stack align="center" gap="xs" p="xl" className="pf-fieldset">
          <Workflow size={28} aria-hidden />
          <Text fw={600}>No workflows yet</Text>
          <Text size="sm">
            Create one from scratch, or import a definition (JSON, or BPMN 2.0 from another modeler).
          </Text>
          <Button size="compact-sm" onClick={() => setCreating(true)}>
            New workflow
          </Button>
        </Stack>
      )}
      {list.length > 0 && (
        <Table striped highlightOnHover verticalSpacing={6} data-testid="workflows-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Workflow</Table.Th>
              <Table.Th>Live version</Table.Th>
              <Table.Th>Draft saved</Table.Th>
              <Table.Th>In use</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((d) => (
              <Table.Tr key={d.id} data-testid={`workflow-row-${d.id}`}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/workflows/${encodeURIComponent(d.id)}`}
                    fw={600}
                    onClick={(e: React.MouseEvent) => {
                      // Opened here (not in a new tab): the draft comes beside the editor's code.
                      if (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey)
                        askForDraft(d.id);
                    }}
                  >
                    {d.title}
                  </Anchor>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {d.id}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {hasDraftDetails(d) && d.retiredAt !== null && (
                    <Badge
                      color="dark"
                      variant="outline"
                      display="block"
                      mb={4}
                      data-testid={`workflow-retired-${d.id}`}
                    >
                      Retired
                    </Badge>
                  )}
                  {d.latestVersion !== null ? (
                    <Badge color="teal" variant="light">
                      {publishedBadge(d.latestVersion)}
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light">
                      Not published
                    </Badge>
                  )}
                  {d.latestPublishedAt && (
                    <Text size="xs" c="dimmed" className="pf-time">
                      {formatWhen(d.latestPublishedAt)}
                    </Text>
                  )}
                  {d.latestVersion !== null && d.latestVersion > 1 && (
                    <Anchor
                      component={Link}
                      to={`/workflows/${encodeURIComponent(d.id)}/migrate`}
                      size="xs"
                      display="block"
                      data-testid={`workflow-migrate-${d.id}`}
                    >
                      Move running requests to version {d.latestVersion}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  {hasDraftDetails(d) && (
                    <>
                      <Text size="sm" className="pf-time">
                        {formatWhen(d.updatedAt)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        revision {d.revision}
                      </Text>
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  {hasDraftDetails(d) && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color={keepingAction(d) === 'bring-back' ? 'teal' : 'red'}
                      // The subtle variant paints its text in the colour's light shade (3.1:1 on white):
                      // the dark shade reads.
                      c={keepingAction(d) === 'bring-back' ? 'teal.9' : 'red.9'}
                      onClick={() => setKeeping({ workflow: d, action: keepingAction(d) })}
                      data-testid={`workflow-keep-${d.id}`}
                    >
                      {KEEPING_LABELS[keepingAction(d)]}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <NewWorkflow onClose={() => setCreating(false)} taken={new Set(list.map((d) => d.id))} />}
      {keeping && (
        <KeepWorkflowDialog
          workflow={keeping.workflow}
          action={keeping.action}
          onClose={() => setKeeping(null)}
        />
      )}
      {conflict && copy && (
        <ImportConflictDialog
          existingTitle={existing?.title ?? conflict.definition.title}
          suggestedTitle={copy.title}
          onOpenExisting={() => {
            setConflict(null);
            navigate(`/workflows/${encodeURIComponent(conflict.definition.id)}`);
          }}
          onImportCopy={importAsCopy}
          onClose={() => setConflict(null)}
        />
      )}
    </div>
  );
}
