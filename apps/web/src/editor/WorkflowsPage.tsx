/** Placeholder until this view is built. */
export function WorkflowsPage(_props: Record<string, unknown>) {
  return <div style={{ padding: 24 }}>WorkflowsPage</div>;
}
