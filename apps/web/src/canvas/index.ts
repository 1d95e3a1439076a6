// React Flow's own styles travel with the canvas, so screens without a diagram never load them.
import '@xyflow/react/dist/style.css';
import './canvas.css';

export type { DiagramHighlight, DiffState } from './types.ts';
export { type DiagramExtras, WorkflowDiagram, type WorkflowDiagramProps } from './WorkflowDiagram.tsx';
