import { Alert, Badge, Button, FileInput, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { downloadText } from '../audit/download.ts';
import { applyImport, type ImportRow, type IssuedCode, previewImport, useAccountAction } from './api.ts';
import { seenRolesOf } from './importSeen.ts';

const ACTION = {
  create: { label: 'New person', color: 'teal.9' },
  update: { label: 'Update', color: 'blue.9' },
  unchanged: { label: 'No change', color: 'gray.7' },
  error: { label: 'Error', color: 'red.9' },
} as const;

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** A staff list from CSV: preview every row first, then apply; new people's one-time codes are shown once. */
export function ImportStaff() {
  const [csv, setCsv] = useState('');
  const [rows, setRows] = useState<ImportRow[] | null>(null);
  const [codes, setCodes] = useState<IssuedCode[] | null>(null);
  // Rows Apply left as they were (another admin changed the person's roles since the preview, …): said.
  const [notApplied, setNotApplied] = useState<Array<ImportRow & { outcome: string }>>([]);
  const [error, setError] = useState<string | null>(null);
  const preview = useAccountAction(previewImport);
  const apply = useAccountAction(applyImport);

  async function run(step: 'preview' | 'apply') {
    setError(null);
    try {
      if (step === 'preview') {
        setRows((await preview.mutateAsync(csv)).rows);
        setCodes(null);
        setNotApplied([]);
      } else {
        const done = await apply.mutateAsync({ csv, seenRoles: seenRolesOf(rows ?? []) });
        setCodes(done.codes);
        setNotApplied(done.rows.filter((r) => !['created', 'updated', 'unchanged'].includes(r.outcome)));
        setRows(null);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the server');
    }
  }

  const errors = rows?.filter((r) => r.action === 'error').length ?? 0;
  const changes = rows?.filter((r) => r.action === 'create' || r.action === 'update').length ?? 0;
  return (
    <Stack data-testid="import-staff">
      <Text size="sm" c="gray.7">
        A CSV file with the columns <b>username</b>, <b>display name</b> and <b>roles</b> (role ids separated
        by “;”). Nothing is saved until you have seen the preview and chosen Apply.
      </Text>
      <FileInput
        label="Staff list (CSV)"
        accept=".csv,text/csv"
        w={360}
        onChange={async (file) => {
          setCsv(file ? await file.text() : '');
          setRows(null);
        }}
      />
      <Textarea
        label="…or paste it here"
        autosize
        minRows={3}
        maxRows={10}
        value={csv}
        onChange={(e) => setCsv(e.currentTarget.value)}
      />
      {error && (
        <Alert color="red" title="Not imported">
          {error}
        </Alert>
      )}
      <Group>
        <Button
          variant="default"
          onClick={() => run('preview')}
          disabled={!csv.trim()}
          loading={preview.isPending}
        >
          Preview
        </Button>
        {rows && (
          <Button
            onClick={() => run('apply')}
            disabled={errors > 0 || changes === 0}
            loading={apply.isPending}
          >
            Apply {changes} change{changes === 1 ? '' : 's'}
          </Button>
        )}
        {rows && errors > 0 && (
          <Text size="sm" c="red.9">
            Fix the {errors} row{errors === 1 ? '' : 's'} marked Error in the file, then preview again.
          </Text>
        )}
      </Group>
      {rows && (
        <Table striped data-testid="import-preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Username</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th>Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.line}>
                <Table.Td>{r.line}</Table.Td>
                <Table.Td>
                  <Badge color={ACTION[r.action].color}>{ACTION[r.action].label}</Badge>
                </Table.Td>
                <Table.Td>{r.username}</Table.Td>
                <Table.Td>{r.displayName}</Table.Td>
                <Table.Td>{r.roles.join(', ') || '—'}</Table.Td>
                <Table.Td>
                  {r.errors.join('; ') ||
                    (r.current
                      ? `now: ${r.current.displayName}, ${r.current.roles.join(', ') || 'no roles'}`
                      : '')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {notApplied.length > 0 && (
        <Alert
          color="orange"
          title={`Not applied: ${notApplied.length} ${notApplied.length === 1 ? 'row' : 'rows'}`}
          data-testid="import-not-applied"
        >
          <Stack gap={4}>
            {notApplied.map((r) => (
              <Text size="sm" key={r.line}>
                Line {r.line}, {r.displayName}: {r.outcome.replace(/^refused: /, '')}
              </Text>
            ))}
            <Text size="sm">The other rows were applied.</Text>
          </Stack>
        </Alert>
      )}
      {codes && (
        <Alert
          color="teal"
          title={`Imported: ${codes.length} new ${codes.length === 1 ? 'person' : 'people'}`}
        >
          <Stack gap="xs">
            <Text size="sm">
              Each new person has a one-time code to choose their password at sign-in. The codes are shown
              only now: download them and hand each one over in person.
            </Text>
            {codes.length > 0 && (
              <Group>
                <Button
                  size="xs"
                  onClick={() =>
                    downloadText(
                      'one-time-codes.csv',
                      `username,display name,one-time code,expires\n${codes
                        .map((c) =>
                          [c.username, c.displayName, c.setPasswordCode, c.expiresAt].map(csvCell).join(','),
                        )
                        .join('\n')}\n`,
                    )
                  }
                >
                  Download codes (CSV)
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
