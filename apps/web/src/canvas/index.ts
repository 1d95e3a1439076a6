import './canvas.css';

export type { DiagramHighlight, DiffState } from './types.ts';
export { type DiagramExtras, WorkflowDiagram, type WorkflowDiagramProps } from './WorkflowDiagram.tsx';
