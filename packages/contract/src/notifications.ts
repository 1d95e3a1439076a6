import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/** A notification with its request's subject (when its workflow has one). */
export const NotificationView = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  role: z.string().nullable(),
  /** `due-soon`: a task the reader holds is near its deadline (shown only while they still hold it). */
  kind: z.enum(['assigned', 'overdue', 'escalated', 'cancelled', 'due-soon']),
  taskId: z.string().nullable(),
  instanceId: z.string().nullable(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
  subject: z.string().nullable().optional(),
  requestStartedAt: Timestamp.nullable().optional(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationsQuery = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();

export const ReadNotificationsBody = z.object({ ids: z.array(Id).min(1).max(500) }).strict();

const tags = ['notifications'];
const signedOut = 'Not signed in (UNAUTHENTICATED)';

export const listNotifications = route({
  method: 'get',
  path: '/api/notifications',
  summary: 'Assigned to me, due soon, overdue, escalated to my roles (each with its request subject)',
  tags,
  'x-instance-data': true,
  request: { query: NotificationsQuery },
  responses: {
    200: json(z.object({ notifications: z.array(NotificationView) }), 'Newest first'),
    ...errors({ 400: 'Invalid query (VALIDATION_FAILED)', 401: signedOut }),
  },
});

export const readNotifications = route({
  method: 'post',
  path: '/api/notifications/read',
  summary: 'Mark notifications read',
  tags,
  'x-instance-data': false,
  request: { body: jsonBody(ReadNotificationsBody) },
  responses: {
    200: json(z.object({ marked: z.number().int() }), 'How many were marked'),
    ...errors({ 400: 'Invalid body (VALIDATION_FAILED)', 401: signedOut }),
  },
});
