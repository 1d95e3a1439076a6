import { z } from 'zod';

/** Ids of workflows, steps, people and instances as the API accepts them. */
export const Id = z.string().min(1).max(200);

/** Instance data: the fields a form writes. */
export const InstanceData = z.record(z.string(), z.unknown());

export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);

/** An `{id}` path parameter. */
export const IdParams = z.object({ id: Id });

/** An ISO 8601 timestamp with offset, as the server writes them. */
export const Timestamp = z.string();
