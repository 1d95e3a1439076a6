import { createIntakeKey, type IntakeKeyView, listIntakeKeys, revokeIntakeKey } from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/call.ts';

export type IntakeKey = IntakeKeyView;

export function useIntakeKeys() {
  return useQuery({
    queryKey: ['intake-keys'],
    queryFn: async () => (await call(listIntakeKeys, { query: {} })).keys,
  });
}

/** Makes a key; the answer carries its secret, which no later call returns. */
export function useCreateIntakeKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (workflowId: string) => call(createIntakeKey, { body: { workflowId } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['intake-keys'] }),
  });
}

export function useRevokeIntakeKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(revokeIntakeKey, { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['intake-keys'] }),
  });
}
