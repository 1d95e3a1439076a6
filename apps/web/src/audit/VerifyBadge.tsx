import { Badge, Loader, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { verifyHistories } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { ShieldCheck, ShieldQuestionMark, ShieldX } from 'lucide-react';
import { call } from '../api/call.ts';
import { shortReason } from './changes.ts';
import type { VerifyResponse } from './types.ts';

export function useVerify(instanceId: string) {
  return useQuery({
    queryKey: ['audit', 'verify', instanceId],
    queryFn: async (): Promise<VerifyResponse> => {
      const answer = await call(verifyHistories, { query: { instanceId } });
      // Asked for one instance, the server answers with its check (the report is for "all").
      if (!('result' in answer)) throw new Error('The server answered with the report over all histories');
      return answer;
    },
    refetchOnWindowFocus: false,
  });
}

/** The hash chain check: "Verified ✓ N events" or "Tampered ✗ at event N: reason" (icon and text). */
export function VerifyBadge({ instanceId, onJump }: { instanceId: string; onJump: (seq: number) => void }) {
  const verify = useVerify(instanceId);
  if (verify.isPending) {
    return (
      <Badge
        size="lg"
        variant="light"
        color="gray"
        leftSection={<Loader size={12} />}
        data-testid="verify-badge"
        data-state="loading"
      >
        Verifying…
      </Badge>
    );
  }
  if (verify.isError) {
    return (
      <Tooltip label={verify.error.message}>
        <Badge
          size="lg"
          variant="light"
          color="yellow"
          leftSection={<ShieldQuestionMark size={14} aria-hidden />}
          data-testid="verify-badge"
          data-state="error"
        >
          Not verified: the check failed
        </Badge>
      </Tooltip>
    );
  }
  const result = verify.data.result;
  if (result.ok) {
    return (
      <Tooltip
        label={result.lastHash ? `Hash chain intact. Last hash ${result.lastHash}` : 'Hash chain intact'}
      >
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
    <Tooltip label={`Fault: ${result.fault}. Select to go to event ${result.seq}.`} multiline maw={320}>
      <UnstyledButton
        onClick={() => onJump(result.seq)}
        data-testid="verify-badge"
        data-state="tampered"
        maw={520}
        px="sm"
        py={4}
        style={{
          display: 'flex',
          alignItems: 'flex-start',
          gap: 6,
          borderRadius: 'var(--mantine-radius-sm)',
          background: 'var(--mantine-color-red-7)',
          color: 'white',
        }}
      >
        <ShieldX size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <Text span size="sm" c="white" lineClamp={2} title={result.reason}>
          <b>Tampered ✗ at event {result.seq}:</b> {shortReason(result.reason, result.seq)}
        </Text>
      </UnstyledButton>
    </Tooltip>
  );
}
