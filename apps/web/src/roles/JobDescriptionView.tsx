import { List, Stack, Text, Title } from '@mantine/core';
import type { JobDescription } from '@portalflow/engine';
import { keyed } from './keyed.ts';

function Lines({ lines }: { lines: string[] }) {
  if (lines.length === 0)
    return (
      <Text size="sm" c="gray.7">
        None.
      </Text>
    );
  return (
    <List size="sm" spacing={2}>
      {keyed(lines).map((l) => (
        <List.Item key={l.key}>{l.text}</List.Item>
      ))}
    </List>
  );
}

/** The generated job description, as it prints and exports. */
export function JobDescriptionView({ job }: { job: JobDescription }) {
  return (
    <Stack gap="md" data-testid="job-description">
      {job.details.length > 0 && (
        <Stack gap={2}>
          {job.details.map((d) => (
            <Text key={d.label} size="sm">
              <strong>{d.label}:</strong> {d.value}
            </Text>
          ))}
        </Stack>
      )}
      <section>
        <Title order={3} size="h4">
          Purpose
        </Title>
        <Text size="sm">{job.purpose || 'None.'}</Text>
      </section>
      <section>
        <Title order={3} size="h4">
          Responsibilities
        </Title>
        {job.responsibilities.length === 0 && <Lines lines={[]} />}
        {job.responsibilities.map((s) => (
          <section key={s.heading}>
            <Title order={4} size="h5" mt="xs">
              {s.heading}
            </Title>
            <Lines lines={s.lines} />
          </section>
        ))}
      </section>
      <section>
        <Title order={3} size="h4">
          Deadlines accountable for
        </Title>
        <Lines lines={job.deadlines} />
      </section>
      <section>
        <Title order={3} size="h4">
          Escalations received
        </Title>
        <Lines lines={job.escalations} />
      </section>
      <section>
        <Title order={3} size="h4">
          Hands work to
        </Title>
        <Lines lines={job.handsTo} />
      </section>
      <section>
        <Title order={3} size="h4">
          Receives work from
        </Title>
        <Lines lines={job.receivesFrom} />
      </section>
    </Stack>
  );
}
