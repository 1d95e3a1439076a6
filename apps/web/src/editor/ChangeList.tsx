import { List, Text } from '@mantine/core';
import type { Definition } from '@portalflow/engine';
import { stepTitle } from '@portalflow/engine';
import type { VersionDiff } from '../model/diff.ts';

/** A comparison as a list, in the words a reviewer uses, each line with its kind in text. */
export function ChangeList({
  diff,
  before,
  after,
}: {
  diff: VersionDiff;
  before: Definition;
  after: Definition;
}) {
  if (diff.empty)
    return (
      <Text size="sm" c="dimmed">
        No differences.
      </Text>
    );
  const title = (id: string) => stepTitle(after.steps[id] ? after : before, id);
  return (
    <List size="sm" spacing={2} className="pf-change-list" data-testid="change-list">
      {diff.title && (
        <List.Item>
          Title: “{diff.title.from}” → “{diff.title.to}”
        </List.Item>
      )}
      {diff.start && (
        <List.Item>
          Starts at {title(diff.start.to)} instead of {title(diff.start.from)}
        </List.Item>
      )}
      {diff.added.map((id) => (
        <List.Item key={`a-${id}`} className="pf-change-added">
          <b>Added</b> {title(id)}
        </List.Item>
      ))}
      {diff.removed.map((id) => (
        <List.Item key={`r-${id}`} className="pf-change-removed">
          <b>Removed</b> {title(id)}
        </List.Item>
      ))}
      {diff.owners.map((o) => (
        <List.Item key={`o-${o.id}`} className="pf-change-changed">
          <b>Owner</b> {title(o.id)}: {o.text}
        </List.Item>
      ))}
      {diff.changed
        .filter((c) => !(c.fields.length === 1 && c.fields[0] === 'role'))
        .map((c) => (
          <List.Item key={`c-${c.id}`} className="pf-change-changed">
            <b>Changed</b> {title(c.id)} ({c.fields.filter((f) => f !== 'role').join(', ')})
          </List.Item>
        ))}
      {diff.edges.retargeted.map(({ edge, was }) => (
        <List.Item key={`e-${edge.path}`} className="pf-change-changed">
          <b>Arrow</b> “{edge.label}” from {title(edge.from)} now goes to {title(edge.to)} (was {title(was)})
        </List.Item>
      ))}
      {diff.edges.added
        .filter((e) => !diff.added.includes(e.from))
        .map((e) => (
          <List.Item key={`ea-${e.path}`} className="pf-change-added">
            <b>New arrow</b> “{e.label}” {title(e.from)} → {title(e.to)}
          </List.Item>
        ))}
      {diff.edges.removed
        .filter((e) => !diff.removed.includes(e.from))
        .map((e) => (
          <List.Item key={`er-${e.path}`} className="pf-change-removed">
            <b>Removed arrow</b> “{e.label}” {title(e.from)} → {title(e.to)}
          </List.Item>
        ))}
      {diff.roles.added.map((r) => (
        <List.Item key={`ra-${r}`} className="pf-change-added">
          <b>New role</b> {after.roles.find((x) => x.id === r)?.name ?? r}
        </List.Item>
      ))}
      {diff.roles.removed.map((r) => (
        <List.Item key={`rr-${r}`} className="pf-change-removed">
          <b>Removed role</b> {before.roles.find((x) => x.id === r)?.name ?? r}
        </List.Item>
      ))}
      {diff.roles.renamed.map((r) => (
        <List.Item key={`rn-${r.id}`} className="pf-change-changed">
          <b>Renamed role</b> {r.from} → {r.to}
        </List.Item>
      ))}
    </List>
  );
}
