import { Handle, Position } from '@xyflow/react';
import { CircleAlert, Play, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import type { StepNodeData } from '../types.ts';

const DIFF_TEXT = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

/** Lint marks: an icon AND words, never colour alone. */
export function Marks({ data }: { data: StepNodeData }) {
  const m = data.marks;
  if (!m) return null;
  const error = m.errors > 0;
  const text = error
    ? `${m.errors} error${m.errors > 1 ? 's' : ''}`
    : `${m.warnings} warning${m.warnings > 1 ? 's' : ''}`;
  return (
    <span className={`pf-mark ${error ? 'pf-mark-error' : 'pf-mark-warning'}`} title={m.message}>
      {error ? <CircleAlert size={12} aria-hidden /> : <TriangleAlert size={12} aria-hidden />}
      {text}
    </span>
  );
}

function stateClass(data: StepNodeData): string {
  const parts: string[] = [];
  if (data.state) parts.push(`pf-${data.state}`);
  if (data.diff) parts.push(`pf-diff-${data.diff}`);
  if (data.marks) parts.push(data.marks.errors > 0 ? 'pf-has-error' : 'pf-has-warning');
  return parts.join(' ');
}

/** What every box shares: handles, start flag, lint marks, run state, comparison state and callout. */
export function StepFrame({
  data,
  kind,
  children,
  connectable = true,
}: {
  data: StepNodeData;
  kind: string;
  children: ReactNode;
  connectable?: boolean;
}) {
  return (
    <div className={`pf-node pf-${kind} ${stateClass(data)}`} data-testid={`node-${data.stepId}`}>
      <Handle type="target" position={Position.Left} className="pf-handle" />
      {children}
      <div className="pf-badges">
        {data.isStart && (
          <span className="pf-badge pf-badge-start">
            <Play size={10} aria-hidden /> Start
          </span>
        )}
        {data.state === 'active' && (
          <span className="pf-badge pf-badge-active">Active · {data.activeRole}</span>
        )}
        {data.diff && <span className={`pf-badge pf-badge-${data.diff}`}>{DIFF_TEXT[data.diff]}</span>}
        <Marks data={data} />
      </div>
      {data.note && <div className="pf-note">{data.note}</div>}
      {connectable && <Handle type="source" position={Position.Right} className="pf-handle" />}
    </div>
  );
}
