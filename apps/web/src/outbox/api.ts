import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';

/** The signed-in person's email settings; quiet hours are `HH:MM` in the clinic's time zone. */
export interface EmailPreferences {
  address: string | null;
  assigned: boolean;
  escalated: boolean;
  overdue: boolean;
  digest: boolean;
  quietStart: string | null;
  quietEnd: string | null;
}

export interface EmailPreferencesView {
  preferences: EmailPreferences & { userId: string; updatedAt: string | null };
  timeZone: string;
  /** False when the server has no SMTP server configured: nothing is sent. */
  emailEnabled: boolean;
}

export function useEmailPreferences() {
  return useQuery({
    queryKey: ['email-preferences'],
    queryFn: () => api<EmailPreferencesView>('/email-preferences'),
  });
}

export function useSaveEmailPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (prefs: EmailPreferences) =>
      api<EmailPreferencesView>('/email-preferences', { method: 'PUT', body: prefs }),
    onSuccess: (view) => client.setQueryData(['email-preferences'], view),
  });
}

export interface WebhookSubscription {
  id: string;
  url: string;
  events: string[];
  createdBy: string | null;
  createdAt: string;
  disabledAt: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'skipped';

/** One email or webhook message: ids, kinds and states only. */
export interface Delivery {
  id: string;
  channel: 'email' | 'webhook';
  kind: string;
  target: string;
  instanceId: string | null;
  taskId: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export function useSubscriptions() {
  return useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api<{ subscriptions: WebhookSubscription[]; events: string[] }>('/webhooks'),
  });
}

export function useCreateSubscription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { url: string; events: string[] }) =>
      api<{ subscription: WebhookSubscription; secret: string }>('/webhooks', {
        method: 'POST',
        body: input,
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useRemoveSubscription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useDeliveries(filter: {
  status: DeliveryStatus | 'all';
  channel: 'email' | 'webhook' | 'all';
}) {
  const params = new URLSearchParams({ limit: '200' });
  if (filter.status !== 'all') params.set('status', filter.status);
  if (filter.channel !== 'all') params.set('channel', filter.channel);
  return useQuery({
    queryKey: ['outbox', filter.status, filter.channel],
    queryFn: () => api<{ deliveries: Delivery[] }>(`/outbox?${params}`),
    refetchInterval: 5000,
  });
}

export function useResend() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ delivery: Delivery }>(`/outbox/${encodeURIComponent(id)}/resend`, { method: 'POST' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['outbox'] }),
  });
}
