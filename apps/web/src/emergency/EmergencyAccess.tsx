import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { endEmergencyAccess, requestEmergencyAccess } from '@portalflow/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Siren } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { formatTime } from '../shell/time.ts';

export const BREAK_GLASS_ROLE = 'break-glass';
export const holdsBreakGlass = (roles: string[]) => roles.includes(BREAK_GLASS_ROLE);

/**
 * Break glass, for holders of the break-glass role: ask for time-limited read access to every
 * instance with a reason; while it lasts, a banner says so and every record opened is flagged for
 * the auditors.
 */
export function EmergencyAccess({ me }: { me: Me }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!holdsBreakGlass(me.user.roles)) return null;
  const grant = me.emergency ?? null;

  async function request(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call(requestEmergencyAccess, { body: { reason, minutes: Number(minutes) } });
      setOpen(false);
      setReason('');
      await client.invalidateQueries();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the server');
    } finally {
      setBusy(false);
    }
  }

  async function end() {
    if (!grant) return;
    await call(endEmergencyAccess, { params: { id: grant.id } }).catch(() => undefined);
    await client.invalidateQueries();
  }

  if (grant)
    return (
      <Group gap="xs" wrap="nowrap" data-testid="emergency-active" role="status">
        <Text size="sm" c="red.9" fw={700} style={{ whiteSpace: 'nowrap' }}>
          <Siren size={14} aria-hidden /> Emergency access until {formatTime(grant.expiresAt)} — logged for
          review
        </Text>
        <Button size="compact-xs" variant="outline" color="red.9" onClick={end} data-testid="emergency-end">
          End now
        </Button>
      </Group>
    );

  return (
    <>
      <Button
        size="compact-sm"
        variant="outline"
        color="red.9"
        leftSection={<Siren size={14} aria-hidden />}
        onClick={() => setOpen(true)}
        data-testid="emergency-open"
      >
        Break glass
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title="Emergency access"
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <form onSubmit={request}>
          <Stack>
            <Text size="sm">
              For an emergency only: you will be able to read every patient's workflow for a limited time.
              Your reason and every record you open are recorded and reviewed by the compliance team.
            </Text>
            {error && (
              <Alert color="red" role="alert" title="Not granted">
                {error}
              </Alert>
            )}
            <Textarea
              label="Reason"
              description="At least 10 characters: what is happening and why you need access"
              required
              minLength={10}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="emergency-reason"
            />
            <Select
              label="For"
              data={[
                { value: '15', label: '15 minutes' },
                { value: '30', label: '30 minutes' },
                { value: '60', label: '1 hour' },
                { value: '120', label: '2 hours' },
                { value: '240', label: '4 hours' },
              ]}
              value={minutes}
              onChange={(v) => setMinutes(v ?? '60')}
              allowDeselect={false}
            />
            <Button type="submit" color="red.9" loading={busy} data-testid="emergency-request">
              Break glass
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
