import { Table, UnstyledButton } from '@mantine/core';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import type { ReactNode } from 'react';
import type { SortDirection } from './accessLog.ts';

/** A column header that sorts: a button inside the header cell, with aria-sort on the cell. */
export function SortHeader({
  label,
  direction,
  onSort,
  testId,
  width,
  className,
}: {
  label: ReactNode;
  /** The column's direction when it is the sort column, else null. */
  direction: SortDirection | null;
  onSort: () => void;
  testId?: string;
  width?: number | string;
  /** For a table whose column widths are set in its stylesheet. */
  className?: string;
}) {
  const Icon = direction === 'ascending' ? ArrowUp : direction === 'descending' ? ArrowDown : ArrowUpDown;
  return (
    <Table.Th aria-sort={direction ?? 'none'} w={width} className={className} data-testid={testId}>
      <UnstyledButton
        onClick={onSort}
        fz="sm"
        fw={700}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }}
      >
        {label}
        <Icon size={14} aria-hidden style={{ opacity: direction ? 1 : 0.4 }} />
      </UnstyledButton>
    </Table.Th>
  );
}
