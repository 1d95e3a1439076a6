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

/**
 * A value whose type the engine defines (duties, job descriptions, change summaries): the engine is its
 * one source, so the contract names the type instead of copying it, and checks only that it is there.
 */
export const engineShape = <T>(description: string) =>
  z.custom<T>((v) => typeof v === 'object' && v !== null).meta({ description, type: 'object' } as never);

/** A person as lists show them. */
export const Person = z.object({ id: z.string(), username: z.string(), displayName: z.string() });
/** One page of a list; `nextCursor` continues it (null on the last page). */
export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
