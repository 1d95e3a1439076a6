import { Button, Divider, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { Definition } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { type Layout, slugify, uniqueId } from '../../model/document.ts';
import { useEditorStore } from '../useEditorStore.ts';
import { roleCatalogQuery, useStepOptions } from './common.ts';
import { RoleEditor, roleLanes } from './RoleEditor.tsx';
import { StartFormEditor } from './StartFormEditor.tsx';
import { StepSelect } from './StepSelect.tsx';
import { WrapSelect } from './WrapSelect.tsx';

/** With nothing selected: the workflow itself and its roles (one lane each). */
export function WorkflowInspector({ definition, layout }: { definition: Definition; layout: Layout }) {
  const apply = useEditorStore((s) => s.apply);
  const options = useStepOptions(definition);
  const lanes = useMemo(() => roleLanes(definition, layout), [definition, layout]);
  const [name, setName] = useState('');
  const [department, setDepartment] = useState('');
  const [creating, setCreating] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const catalog = useQuery(roleCatalogQuery);
  // The clinic's roles (the same ids as the pools people hold), minus those already a lane here.
  const choices = (catalog.data?.roles ?? [])
    .filter((r) => !definition.roles.some((own) => own.id === r.id))
    .map((r) => ({
      value: r.id,
      label: `${r.name}${r.department ? ` · ${r.department}` : ''}${r.holders.length === 0 ? ' (nobody holds it)' : ''}`,
    }));
  const addCatalogRole = () => {
    const role = catalog.data?.roles.find((r) => r.id === picked);
    if (!role) return;
    const added = role.department
      ? { id: role.id, name: role.name, department: role.department }
      : { id: role.id, name: role.name };
    if (apply([{ type: 'addRole', role: added }], { select: { steps: [], edges: [], role: role.id } }))
      setPicked(null);
  };
  const addRole = () => {
    if (!name.trim()) return;
    const id = uniqueId(slugify(name, 'role'), (c) => definition.roles.some((r) => r.id === c));
    const role = department.trim()
      ? { id, name: name.trim(), department: department.trim() }
      : { id, name: name.trim() };
    if (apply([{ type: 'addRole', role }], { select: { steps: [], edges: [], role: id } })) {
      setName('');
      setDepartment('');
      setCreating(false);
    }
  };
  return (
    <Stack gap={10}>
      <TextInput
        size="xs"
        label="Workflow title"
        value={definition.title}
        onChange={(e) =>
          apply([{ type: 'setWorkflow', title: e.currentTarget.value }], { squash: 'workflow.title' })
        }
        data-testid="workflow-title"
      />
      <Textarea
        size="xs"
        label="Description"
        value={definition.description ?? ''}
        onChange={(e) =>
          apply([{ type: 'setWorkflow', description: e.currentTarget.value }], {
            squash: 'workflow.description',
          })
        }
        autosize
        minRows={2}
        maxRows={6}
      />
      <StepSelect
        size="xs"
        label="Starts at"
        data={options}
        value={definition.steps[definition.start] ? definition.start : null}
        onChange={(v) => v && apply([{ type: 'setStart', id: v }])}
        searchable
        allowDeselect={false}
        placeholder="Choose the first step"
      />
      <Text size="xs" c="dimmed">
        Name in links and files: <code>{definition.id}</code>
      </Text>
      <Divider label="New request (start form)" labelPosition="left" />
      <StartFormEditor definition={definition} />
      <Divider label={`Roles (${definition.roles.length})`} labelPosition="left" />
      {definition.roles.map((role) => (
        <RoleEditor key={role.id} role={role} definition={definition} layout={layout} lanes={lanes} />
      ))}
      <Stack gap={4} className="pf-fieldset" role="group" aria-label="Add a lane">
        <WrapSelect
          size="xs"
          label="Add a lane for a clinic role"
          placeholder={catalog.isPending ? 'Loading the roles…' : 'Choose a role people hold'}
          data={choices}
          value={picked}
          onChange={setPicked}
          searchable
          nothingFoundMessage="No such role yet: use New role…"
          data-testid="lane-role-picker"
        />
        <Group gap={4} justify="space-between">
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<Plus size={12} aria-hidden />}
            onClick={addCatalogRole}
            disabled={!picked}
            data-testid="add-catalog-role"
          >
            Add lane
          </Button>
          {!creating && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => setCreating(true)}
              data-testid="new-role"
            >
              New role…
            </Button>
          )}
        </Group>
        {creating && (
          <Stack gap={4} role="group" aria-label="Create a new role">
            <Text size="xs" c="dimmed">
              A role the clinic does not have yet. Nobody holds it until an admin gives it to someone.
            </Text>
            <Group gap={4} grow>
              <TextInput
                size="xs"
                label="New role"
                placeholder="Pharmacist"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Enter' && addRole()}
              />
              <TextInput
                size="xs"
                label="Department"
                placeholder="Pharmacy"
                value={department}
                onChange={(e) => setDepartment(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Enter' && addRole()}
              />
            </Group>
            <Group gap={4} justify="flex-end">
              <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setCreating(false)}>
                Cancel
              </Button>
              <Button
                size="compact-xs"
                variant="light"
                leftSection={<Plus size={12} aria-hidden />}
                onClick={addRole}
                disabled={!name.trim() || !department.trim()}
                data-testid="add-role"
              >
                Create role (new lane)
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}
