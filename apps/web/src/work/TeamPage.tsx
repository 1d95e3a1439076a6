/** Placeholder until this view is built. */
export function TeamPage(_props: Record<string, unknown>) {
  return <div style={{ padding: 24 }}>TeamPage</div>;
}
