import { ActionIcon, Button, ColorSwatch, Group, Stack, Text, TextInput } from '@mantine/core';
import { LANE_COLORS, type LaneSpec, laneOfSteps, laneSpecs } from '@portalflow/diagram';
import type { Definition, Role } from '@portalflow/engine';
import { ArrowDown, ArrowUp, Check, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { Layout } from '../../model/document.ts';
import { useEditorStore } from '../useEditorStore.ts';
import { WrapSelect } from './WrapSelect.tsx';

/** The role lanes in order with their colours (no geometry): what each `RoleEditor` shows. */
export const roleLanes = (definition: Definition, layout: Layout): LaneSpec[] =>
  laneSpecs(definition, layout, laneOfSteps(definition, layout)).filter((l) => l.role !== '');

/**
 * One role and its lane: name, department, colour, position; removing it moves its tasks. The
 * workflow inspector lists every role: it passes `lanes` worked out once, not once per role (each
 * a walk over every step).
 */
export function RoleEditor({
  role,
  definition,
  layout,
  lanes: given,
}: {
  role: Role;
  definition: Definition;
  layout: Layout;
  lanes?: LaneSpec[];
}) {
  const apply = useEditorStore((s) => s.apply);
  const [removing, setRemoving] = useState(false);
  const [reassignTo, setReassignTo] = useState<string | null>(null);
  const lanes = given ?? roleLanes(definition, layout);
  const index = lanes.findIndex((l) => l.role === role.id);
  const color = lanes[index]?.color;
  const tasks = Object.values(definition.steps).filter((s) => s.type === 'task' && s.role === role.id).length;
  const others = definition.roles
    .filter((r) => r.id !== role.id)
    .map((r) => ({ value: r.id, label: r.name }));
  return (
    <Stack gap={6} className="pf-fieldset" role="group" aria-label={`Role ${role.name}`}>
      <TextInput
        size="xs"
        label="Role name"
        value={role.name}
        onChange={(e) =>
          apply([{ type: 'renameRole', id: role.id, name: e.currentTarget.value }], {
            squash: `role.name:${role.id}`,
          })
        }
      />
      <TextInput
        size="xs"
        label="Department"
        value={role.department ?? ''}
        onChange={(e) =>
          apply([{ type: 'renameRole', id: role.id, department: e.currentTarget.value }], {
            squash: `role.dept:${role.id}`,
          })
        }
      />
      <Text size="xs" c="dimmed">
        {tasks} {tasks === 1 ? 'task' : 'tasks'} in this lane
      </Text>
      <Group gap={4} role="radiogroup" aria-label="Lane colour">
        {LANE_COLORS.map((c) => (
          <ColorSwatch
            key={c}
            component="button"
            type="button"
            color={c}
            size={20}
            role="radio"
            aria-checked={c === color}
            aria-label={`Lane colour ${c}`}
            onClick={() => apply([{ type: 'colorLane', role: role.id, color: c }])}
            style={{ border: '1px solid #adb5bd', cursor: 'pointer' }}
          >
            {c === color && <Check size={12} aria-hidden />}
          </ColorSwatch>
        ))}
      </Group>
      <Group gap={4}>
        <ActionIcon
          variant="default"
          disabled={index <= 0}
          onClick={() => apply([{ type: 'reorderLane', role: role.id, toIndex: index - 1 }])}
          aria-label={`Move lane ${role.name} up`}
        >
          <ArrowUp size={14} aria-hidden />
        </ActionIcon>
        <ActionIcon
          variant="default"
          disabled={index < 0 || index >= lanes.length - 1}
          onClick={() => apply([{ type: 'reorderLane', role: role.id, toIndex: index + 1 }])}
          aria-label={`Move lane ${role.name} down`}
        >
          <ArrowDown size={14} aria-hidden />
        </ActionIcon>
        <Button
          size="compact-xs"
          color="red"
          variant="subtle"
          leftSection={<Trash2 size={12} aria-hidden />}
          onClick={() => setRemoving(true)}
          ml="auto"
        >
          Remove role
        </Button>
      </Group>
      {removing && (
        <Stack gap={4} className="pf-confirm" role="alertdialog" aria-label={`Remove role ${role.name}`}>
          <Text size="xs">
            Remove “{role.name}”? Its {tasks} {tasks === 1 ? 'task moves' : 'tasks move'} to the role you
            choose (or lose their owner), and escalations to it follow.
          </Text>
          <WrapSelect
            size="xs"
            label="Move its tasks to"
            data={others}
            value={reassignTo}
            onChange={setReassignTo}
            clearable
            placeholder="Nobody (tasks need a new owner)"
          />
          <Group gap={4}>
            <Button
              size="compact-xs"
              color="red"
              onClick={() => {
                apply([{ type: 'removeRole', id: role.id, ...(reassignTo ? { reassignTo } : {}) }], {
                  select: { steps: [], edges: [] },
                });
                setRemoving(false);
              }}
            >
              Remove
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => setRemoving(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
