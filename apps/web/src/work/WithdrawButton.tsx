import { Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Undo2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { type Withdrawal, withdrawRequest } from './withdrawRequest.tsx';

interface Props {
  instanceId: string;
  /** The request as people name it (its subject), for the toast. */
  label: string;
  /** After the server answered: withdrawn, too late (no longer offered), or failed. */
  onDone?: (result: Withdrawal) => void;
}

/**
 * "Withdraw request" for whoever started it, offered while the server says nobody has acted on it.
 * A second click confirms: once withdrawn, nobody works on it.
 */
export function WithdrawButton({ instanceId, label, onDone }: Props) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const offer = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // The button that was clicked goes away: the focus goes to the safe answer, and back after it.
  useEffect(() => {
    if (confirming) keep.current?.focus();
    else if (asked.current) offer.current?.focus();
  }, [confirming]);

  if (!confirming)
    return (
      <Button
        ref={offer}
        size="xs"
        variant="default"
        leftSection={<Undo2 size={14} aria-hidden />}
        onClick={() => {
          asked.current = true;
          setConfirming(true);
        }}
        data-testid="request-withdraw"
      >
        Withdraw request
      </Button>
    );

  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label="Withdraw this request?">
      <Text size="sm">Withdraw it? Nobody will work on it.</Text>
      <Button
        size="xs"
        color="red"
        loading={busy}
        onClick={async () => {
          setBusy(true);
          const result = await withdrawRequest(client, instanceId, label);
          setBusy(false);
          setConfirming(false);
          onDone?.(result);
        }}
        data-testid="request-withdraw-confirm"
      >
        Withdraw
      </Button>
      <Button
        ref={keep}
        size="xs"
        variant="default"
        disabled={busy}
        onClick={() => setConfirming(false)}
        data-testid="request-withdraw-keep"
      >
        Keep it
      </Button>
    </Group>
  );
}
