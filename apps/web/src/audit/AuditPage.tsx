/** Placeholder until this view is built. */
export function AuditPage(_props: Record<string, unknown>) {
  return <div style={{ padding: 24 }}>AuditPage</div>;
}
