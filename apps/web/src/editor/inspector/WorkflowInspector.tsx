import { Button, Divider, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { Definition } from '@portalflow/engine';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { type Layout, slugify, uniqueId } from '../../model/document.ts';
import { useEditorStore } from '../useEditorStore.ts';
import { useStepOptions } from './common.ts';
import { RoleEditor } from './RoleEditor.tsx';
import { StepSelect } from './StepSelect.tsx';

/** With nothing selected: the workflow itself and its roles (one lane each). */
export function WorkflowInspector({ definition, layout }: { definition: Definition; layout: Layout }) {
  const apply = useEditorStore((s) => s.apply);
  const options = useStepOptions(definition);
  const [name, setName] = useState('');
  const [department, setDepartment] = useState('');
  const addRole = () => {
    if (!name.trim()) return;
    const id = uniqueId(slugify(name, 'role'), (c) => definition.roles.some((r) => r.id === c));
    const role = department.trim()
      ? { id, name: name.trim(), department: department.trim() }
      : { id, name: name.trim() };
    if (apply([{ type: 'addRole', role }], { select: { steps: [], edges: [], role: id } })) {
      setName('');
      setDepartment('');
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
        Id <code>{definition.id}</code>
      </Text>
      <Divider label={`Roles (${definition.roles.length})`} labelPosition="left" />
      {definition.roles.map((role) => (
        <RoleEditor key={role.id} role={role} definition={definition} layout={layout} />
      ))}
      <Stack gap={4} className="pf-fieldset" role="group" aria-label="Add a role">
        <Group gap={4} grow>
          <TextInput
            size="xs"
            label="New role"
            placeholder="Billing specialist"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && addRole()}
          />
          <TextInput
            size="xs"
            label="Department"
            placeholder="Billing"
            value={department}
            onChange={(e) => setDepartment(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && addRole()}
          />
        </Group>
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<Plus size={12} aria-hidden />}
          onClick={addRole}
          disabled={!name.trim()}
          data-testid="add-role"
        >
          Add role (new lane)
        </Button>
      </Stack>
    </Stack>
  );
}
