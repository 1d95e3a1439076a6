import { Badge, Loader, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { verifyHistories } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { ShieldCheck, ShieldQuestionMark, ShieldX } from 'lucide-react';
import { useId } from 'react';
import { call } from '../api/call.ts';
import { faultWords, intactWords } from './chainWords.ts';
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

/**
 * The hash chain check: "Verified ✓ N events" or "Tampered ✗ at event N: reason" (icon and text), with
 * what it means in words on pointing or focus (nothing changed, removed or reordered since recorded).
 */
export function VerifyBadge({ instanceId, onJump }: { instanceId: string; onJump: (seq: number) => void }) {
  const verify = useVerify(instanceId);
  const explained = useId();
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
    const words = intactWords(result.count, result.lastHash);
    // Focusable, its explanation shown on focus as on pointing, and read out as its description.
    return (
      <>
        <Tooltip label={words} multiline maw={360} events={{ hover: true, focus: true, touch: true }}>
          <Badge
            size="lg"
            variant="light"
            color="green"
            leftSection={<ShieldCheck size={14} aria-hidden />}
            tabIndex={0}
            aria-describedby={explained}
            data-testid="verify-badge"
            data-state="verified"
            tt="none"
          >
            Verified ✓ {result.count} event{result.count === 1 ? '' : 's'}
          </Badge>
        </Tooltip>
        <span id={explained} className="visually-hidden">
          {words}
        </span>
      </>
    );
  }
  return (
    <Tooltip
      label={`Altered: ${faultWords(result.fault)}. Select to go to event ${result.seq}.`}
      multiline
      maw={320}
      events={{ hover: true, focus: true, touch: true }}
    >
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
