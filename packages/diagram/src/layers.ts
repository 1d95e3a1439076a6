/**
 * The order a diagram is painted in, bottom first, the same on screen (as z-indexes) and in an
 * exported picture (as the order it is written in). An arrow's label sits on its own arrow (labels.ts
 * puts it there), so anything painted after a label strikes its words through: a highlighted arrow
 * (the path a request took, the arrow chosen in the editor) is raised above the other arrows so the
 * path reads as one line, but never above a label.
 */
export const LAYER = { edge: 0, raisedEdge: 1, label: 2 } as const;

/** A label's background: opaque, so the arrow passing under it does not show through its words. */
export const LABEL_BACKGROUND = { fill: '#ffffff', opacity: 1 } as const;
