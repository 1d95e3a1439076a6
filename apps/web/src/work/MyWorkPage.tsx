/** Placeholder until this view is built. */
export function MyWorkPage(_props: Record<string, unknown>) {
  return <div style={{ padding: 24 }}>MyWorkPage</div>;
}
