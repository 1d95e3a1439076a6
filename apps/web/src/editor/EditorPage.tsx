/** Placeholder until this view is built. */
export function EditorPage(_props: Record<string, unknown>) {
  return <div style={{ padding: 24 }}>EditorPage</div>;
}
