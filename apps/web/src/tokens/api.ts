import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';

/** An API token as the server lists it: never its secret. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  scope: 'read' | 'act';
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  status: 'active' | 'expired' | 'revoked';
}

/** Whose tokens: the signed-in user's own (`null`) or, for admins, an account's. */
const tokensPath = (userId: string | null) => (userId === null ? '/tokens' : `/users/${userId}/tokens`);

export function useTokens(userId: string | null) {
  return useQuery({
    queryKey: ['tokens', userId ?? 'mine'],
    queryFn: async () => (await api<{ tokens: ApiToken[] }>(tokensPath(userId))).tokens,
  });
}

export function useRevokeToken(userId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ token: ApiToken }>(`${tokensPath(userId)}/${id}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scope: 'read' | 'act'; lifetimeDays?: number }) =>
      api<{ token: ApiToken; secret: string }>('/tokens', { method: 'POST', body: input }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

/** Why a token ended, in words. */
export const REVOKE_REASONS: Record<string, string> = {
  owner: 'revoked by its owner',
  admin: 'revoked by an admin',
  password: 'password changed',
  roles: 'roles changed',
  'two-factor': 'two-factor sign-in reset',
  disabled: 'account disabled',
};
