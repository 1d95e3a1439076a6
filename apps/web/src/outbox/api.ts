import {
  type CreateSubscriptionBody,
  createWebhook,
  type DeliveryStatus,
  type EmailPreferencesBody,
  finishWebhookRotation,
  getEmailPreferences,
  listDeliveries,
  listWebhooks,
  removeWebhook,
  resendDelivery,
  rotateWebhookSecret,
  saveEmailPreferences,
  sendTestEmail,
  sendTestWebhook,
  type TestEmailBody,
} from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Answer, call } from '../api/call.ts';

export type EmailPreferences = EmailPreferencesBody;
export type EmailPreferencesView = Answer<typeof getEmailPreferences>;
export type Delivery = Answer<typeof listDeliveries>['deliveries'][number];
export type { CreateSubscriptionBody, DeliveryStatus };

export function useEmailPreferences() {
  return useQuery({
    queryKey: ['email-preferences'],
    queryFn: () => call(getEmailPreferences, {}),
  });
}

export function useSaveEmailPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EmailPreferences) => call(saveEmailPreferences, { body }),
    onSuccess: (view) => client.setQueryData(['email-preferences'], view),
  });
}

export function useSubscriptions() {
  // Polled like the deliveries: a receiver going down shows without a reload.
  return useQuery({ queryKey: ['webhooks'], queryFn: () => call(listWebhooks, {}), refetchInterval: 5000 });
}

export function useCreateSubscription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSubscriptionBody) => call(createWebhook, { body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useRemoveSubscription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(removeWebhook, { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

/** A new signing secret; the old one keeps signing too until the rotation is finished. */
export function useRotateSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(rotateWebhookSecret, { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useFinishRotation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(finishWebhookRotation, { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useDeliveries(filter: {
  status: DeliveryStatus | 'all';
  channel: 'email' | 'webhook' | 'all';
}) {
  return useQuery({
    queryKey: ['outbox', filter.status, filter.channel],
    queryFn: () =>
      call(listDeliveries, {
        query: {
          limit: 200,
          ...(filter.status === 'all' ? {} : { status: filter.status }),
          ...(filter.channel === 'all' ? {} : { channel: filter.channel }),
        },
      }),
    refetchInterval: 5000,
  });
}

export function useResend() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(resendDelivery, { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['outbox'] }),
  });
}

/** A test email now, through the server's mail settings; answers delivered or why not. */
export function useSendTestEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TestEmailBody) => call(sendTestEmail, { body }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['outbox'] }),
  });
}

/** A `portalflow.test` event to one subscription now; it shows in the health and the deliveries too. */
export function useSendTestEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(sendTestWebhook, { params: { id } }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['webhooks'] });
      void client.invalidateQueries({ queryKey: ['outbox'] });
    },
  });
}
