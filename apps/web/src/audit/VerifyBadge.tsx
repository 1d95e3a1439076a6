import { Badge, Loader, Tooltip, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ShieldCheck, ShieldQuestionMark, ShieldX } from 'lucide-react';
import { api } from '../api/client.ts';
import type { VerifyResponse } from './types.ts';

export function useVerify(instanceId: string) {
  return useQuery({
    queryKey: ['audit', 'verify', instanceId],
    queryFn: () => api<VerifyResponse>(`/audit/verify?instanceId=${encodeURIComponent(instanceId)}`),
    refetchOnWindowFocus: false,
  });
}

/** The hash chain check: "Verified ✓ N events" or "Tampered ✗ at event N: reason" (icon and text). */
export function VerifyBadge({ instanceId, onJump }: { instanceId: string; onJump: (seq: number) => void }) {
  const verify = useVerify(instanceId);
  if (verify.isPending) {
    return (
      <Badge size="lg" variant="light" color="gray" leftSection={<Loader size={12} />} data-testid="verify-badge" data-state="loading">
        Verifying…
      </Badge>
    );
  }
  if (verify.isError) {
    return (
      <Tooltip label={verify.error.message}>
        <Badge size="lg" variant="light" color="yellow" leftSection={<ShieldQuestionMark size={14} aria-hidden />} data-testid="verify-badge" data-state="error">
          Not verified: the check failed
        </Badge>
      </Tooltip>
    );
  }
  const result = verify.data.result;
  if (result.ok) {
    return (
      <Tooltip label={result.lastHash ? `Hash chain intact. Last hash ${result.lastHash}` : 'Hash chain intact'}>
        <Badge
          size="lg"
          variant="light"
          color="green"
          leftSection={<ShieldCheck size={14} aria-hidden />}
          data-testid="verify-badge"
          data-state="verified"
          tt="none"
        >
          Verified ✓ {result.count} event{result.count === 1 ? '' : 's'}
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Tooltip label={`Fault: ${result.fault}. Click to go to event ${result.seq}.`} multiline maw={320}>
      <UnstyledButton onClick={() => onJump(result.seq)} aria-label={`Tampered at event ${result.seq}: ${result.reason}. Go to event ${result.seq}`}>
        <Badge
          size="lg"
          variant="filled"
          color="red"
          leftSection={<ShieldX size={14} aria-hidden />}
          data-testid="verify-badge"
          data-state="tampered"
          tt="none"
          maw={460}
        >
          Tampered ✗ at event {result.seq}: {result.reason}
        </Badge>
      </UnstyledButton>
    </Tooltip>
  );
}
