import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  SegmentedControl,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { EllipsisVertical, History, Pencil, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { formatWhen } from '../shell/time.ts';
import { WHOLE_LABEL } from '../shell/wholeLabel.ts';
import { AMBER_TEXT } from '../work/palette.ts';
import type { HelpEntry } from './types.ts';

type Filter = 'all' | 'draft' | 'published';

/** The writers' table: every entry of the clinic, drafts included, with what can be done to each. */
export function ManageEntries({
  entries,
  nameOf,
  canHistory,
  onNew,
  onEdit,
  onHistory,
  onPublish,
  onDelete,
}: {
  entries: HelpEntry[];
  nameOf: (id: string | null) => string;
  canHistory: boolean;
  onNew: () => void;
  onEdit: (entry: HelpEntry) => void;
  onHistory: (entry: HelpEntry) => void;
  onPublish: (entry: HelpEntry, publish: boolean) => void;
  onDelete: (entry: HelpEntry) => void;
}) {
  const [filter, setFilter] = useState<Filter>('all');
  const shown = useMemo(
    () =>
      entries
        .filter((e) => filter === 'all' || e.status === filter)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    [entries, filter],
  );
  const drafts = entries.filter((e) => e.status === 'draft').length;
  return (
    <>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <SegmentedControl
          size="xs"
          aria-label="Show entries"
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={[
            { value: 'all', label: `All (${entries.length})` },
            { value: 'draft', label: `Drafts (${drafts})` },
            { value: 'published', label: `Published (${entries.length - drafts})` },
          ]}
        />
        <Button
          size="xs"
          leftSection={<Plus size={14} aria-hidden />}
          onClick={onNew}
          data-testid="help-new-entry"
        >
          New entry
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover verticalSpacing={6} data-testid="help-manage-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Question or task</Table.Th>
              <Table.Th>Readers</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Last change</Table.Th>
              <Table.Th>
                <span className="pf-visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e) => (
              <Table.Tr key={e.id} data-testid={`help-row-${e.id}`}>
                <Table.Td>
                  <Text size="sm" fw={500} lang={e.language}>
                    {e.title}
                  </Text>
                  <Text size="xs" c="gray.8">
                    {e.category} · {e.kind === 'faq' ? 'FAQ' : 'How-to'} · {e.language.toUpperCase()}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.audience === 'staff' ? 'Staff' : 'Patients'}</Text>
                </Table.Td>
                <Table.Td>
                  {e.status === 'published' ? (
                    <Badge size="sm" color="teal.9" variant="outline" styles={WHOLE_LABEL}>
                      Published
                    </Badge>
                  ) : (
                    <Badge size="sm" color="orange" variant="light" c={AMBER_TEXT} styles={WHOLE_LABEL}>
                      Draft
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    <span className="pf-time">{formatWhen(e.updatedAt)}</span> · {nameOf(e.updatedBy)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <Button
                      size="compact-xs"
                      variant={e.status === 'draft' ? 'filled' : 'default'}
                      onClick={() => onPublish(e, e.status === 'draft')}
                      data-testid={`help-publish-${e.id}`}
                    >
                      {e.status === 'draft' ? 'Publish' : 'Unpublish'}
                    </Button>
                    <Tooltip label="Edit">
                      <ActionIcon variant="subtle" aria-label={`Edit ${e.title}`} onClick={() => onEdit(e)}>
                        <Pencil size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={`More for ${e.title}`}>
                          <EllipsisVertical size={16} aria-hidden />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        {canHistory && (
                          <Menu.Item
                            leftSection={<History size={14} aria-hidden />}
                            onClick={() => onHistory(e)}
                          >
                            History
                          </Menu.Item>
                        )}
                        <Menu.Item color="red" onClick={() => onDelete(e)}>
                          Delete…
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
