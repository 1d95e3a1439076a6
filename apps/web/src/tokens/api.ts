import {
  type CreateTokenBody,
  createToken,
  listTokens,
  listUserTokens,
  revokeToken,
  revokeUserToken,
} from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/call.ts';

/** An API token as the server lists it: never its secret. */
export type { TokenView as ApiToken } from '@portalflow/contract';

const myTokens = () => call(listTokens, {});

/** Whose tokens: the signed-in user's own (`null`) or, for admins, an account's. */
export function useTokens(userId: string | null) {
  return useQuery({
    queryKey: ['tokens', userId ?? 'mine'],
    queryFn: () => (userId === null ? myTokens() : call(listUserTokens, { params: { id: userId } })),
    select: (answer) => answer.tokens,
  });
}

/** How long a new token lasts when no lifetime is given, and the longest allowed (from the same answer). */
export function useTokenLifetime() {
  return useQuery({ queryKey: ['tokens', 'mine'], queryFn: myTokens, select: (answer) => answer.lifetime });
}

export function useRevokeToken(userId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      userId === null
        ? call(revokeToken, { params: { id } })
        : call(revokeUserToken, { params: { id: userId, tokenId: id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenBody) => call(createToken, { body: input }),
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
