import { Alert, Anchor, Badge, Button, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { approveRole, type RoleDetail } from '@portalflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Download, Printer, ShieldCheck } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { downloadText } from '../audit/download.ts';
import { isLead } from '../auth/useMe.ts';
import { notifications } from '../shell/notifications.ts';
import { formatWhen } from '../shell/time.ts';
import { ApprovalBadge } from './ApprovalBadge.tsx';
import { fetchText, useRole } from './api.ts';
import { JobDescriptionView } from './JobDescriptionView.tsx';
import { JobTextForm } from './JobTextForm.tsx';
import { RoleChangeList } from './RoleChangeList.tsx';
import './print.css';
import { TODO_COLOR } from './colors.ts';

/** One role's job description: generated duties, hand-written text, exports and leadership sign-off. */
export function RolePage({ me }: { me: Me }) {
  const id = useParams().id ?? '';
  const detail = useRole(id);
  const client = useQueryClient();
  const lead = isLead(me.user.roles);
  const approve = useMutation({
    mutationFn: (d: RoleDetail) =>
      call(approveRole, {
        params: { id: d.role.id },
        body: { fingerprint: d.fingerprint },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: (d) => {
      client.setQueryData(['roles', d.role.id], d);
      void client.invalidateQueries({ queryKey: ['roles'] });
      notifications.show({
        color: 'teal',
        title: 'Approved',
        message: `${d.role.name}: job description signed off.`,
      });
    },
    onError: (error) => {
      const changed = error instanceof ApiError && error.status === 409;
      notifications.show({
        color: 'red',
        title: changed ? 'It changed while you were reading' : 'Not approved',
        message: changed ? 'The latest version is now shown; review it and approve again.' : error.message,
      });
      if (changed) void client.invalidateQueries({ queryKey: ['roles', id] });
    },
  });

  async function download(format: 'md' | 'html') {
    try {
      const text = await fetchText(`/roles/${encodeURIComponent(id)}/job-description?format=${format}`);
      downloadText(
        `${id}-job-description.${format}`,
        text,
        format === 'md' ? 'text/markdown;charset=utf-8' : 'text/html;charset=utf-8',
      );
    } catch (error) {
      notifications.show({ color: 'red', title: 'Download failed', message: (error as Error).message });
    }
  }

  if (detail.isPending) return <Loader role="status" aria-label="Loading the role" m="md" />;
  if (detail.error)
    return (
      <Alert color="red" m="md" title="Could not load this role">
        {detail.error.message}
      </Alert>
    );
  const d = detail.data;
  const { role } = d;
  return (
    <Stack p="md" gap="md" className="pf-document" data-testid="role-page">
      <Anchor component={Link} to="/roles" size="sm" className="pf-no-print">
        <Group gap={4}>
          <ArrowLeft size={14} aria-hidden /> All roles
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} data-testid="role-title">
            {role.name}
          </Title>
          <Group gap="xs">
            {role.department && (
              <Badge variant="outline" color="gray.8" tt="none">
                {role.department}
              </Badge>
            )}
            <ApprovalBadge state={role.state} />
            {role.approvedAt && (
              <Text size="xs" c="gray.7" data-testid="approved-by">
                {role.state === 'approved' ? 'Signed off' : 'Last signed off'} by {role.approvedBy} ·{' '}
                {formatWhen(role.approvedAt)}
              </Text>
            )}
          </Group>
          <Text size="sm" c="gray.7">
            Held by: {role.holders.length ? role.holders.map((h) => h.displayName).join(', ') : 'nobody yet'}
          </Text>
        </Stack>
        <Group gap="xs" className="pf-no-print">
          <Button
            variant="default"
            leftSection={<Printer size={16} aria-hidden />}
            onClick={() => window.print()}
          >
            Print
          </Button>
          <Button
            variant="default"
            leftSection={<Download size={16} aria-hidden />}
            onClick={() => download('md')}
            data-testid="download-md"
          >
            Markdown
          </Button>
          <Button
            variant="default"
            leftSection={<Download size={16} aria-hidden />}
            onClick={() => download('html')}
            data-testid="download-html"
          >
            HTML
          </Button>
          {lead && (
            <Button
              leftSection={<ShieldCheck size={16} aria-hidden />}
              onClick={() => approve.mutate(d)}
              loading={approve.isPending}
              disabled={role.state === 'approved'}
              data-testid="approve-role"
            >
              {role.state === 'needs-reapproval'
                ? 'Approve again'
                : role.state === 'approved'
                  ? 'Approved'
                  : 'Approve'}
            </Button>
          )}
        </Group>
      </Group>

      {role.state === 'needs-reapproval' && (
        <Alert
          color="orange"
          variant="light"
          title="Changed since the last sign-off"
          styles={{ title: { color: TODO_COLOR } }}
          data-testid="reapproval-changes"
        >
          <Stack gap="xs">
            {d.changes && d.changes.count > 0 && <RoleChangeList change={d.changes} />}
            {d.textChanged && (
              <Text size="sm">The hand-written text (reports to, skills, languages or hours) changed.</Text>
            )}
          </Stack>
        </Alert>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: lead ? 8 : 12 }}>
          <Paper withBorder p="md">
            <JobDescriptionView job={d.jobDescription} />
          </Paper>
        </Grid.Col>
        {lead && (
          <Grid.Col span={{ base: 12, lg: 4 }} className="pf-no-print">
            <Paper withBorder p="md">
              <Title order={3} size="h5" mb="xs">
                Written by the lead
              </Title>
              <JobTextForm detail={d} />
            </Paper>
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}
