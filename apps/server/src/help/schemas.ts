import { safeHref } from '@portalflow/engine';
import { z } from 'zod';

export const ClinicSlug = z
  .string()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');

const VideoUrl = z
  .string()
  .max(500)
  .refine((u) => safeHref(u)?.startsWith('https://') ?? false, 'an https:// link');

/** The fields an author writes; see the markup subset in @portalflow/engine (`parseMarkup`). */
export const HelpContentBody = z
  .object({
    kind: z.enum(['faq', 'howto']),
    audience: z.enum(['staff', 'patients']),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/, 'a language tag such as en or es')
      .default('en'),
    category: z.string().trim().min(1).max(80),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    title: z.string().trim().min(3).max(200),
    body: z.string().trim().min(1).max(8000),
    videoUrl: VideoUrl.nullable().default(null),
  })
  .strict();

export const CreateHelpEntryBody = HelpContentBody.extend({ clinic: ClinicSlug }).strict();

export const UpdateHelpEntryBody = z
  .object({
    revision: z.number().int().min(1),
    kind: z.enum(['faq', 'howto']).optional(),
    audience: z.enum(['staff', 'patients']).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/)
      .optional(),
    category: z.string().trim().min(1).max(80).optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    title: z.string().trim().min(3).max(200).optional(),
    body: z.string().trim().min(1).max(8000).optional(),
    videoUrl: VideoUrl.nullable().optional(),
  })
  .strict();

export const RevisionBody = z.object({ revision: z.number().int().min(1) }).strict();

export const ClinicBody = z.object({ name: z.string().trim().min(2).max(120) }).strict();

export const ListHelpQuery = z
  .object({
    clinic: ClinicSlug.optional(),
    audience: z.enum(['staff', 'patients']).optional(),
    status: z.enum(['draft', 'published']).optional(),
    language: z.string().max(20).optional(),
    q: z.string().max(200).optional(),
  })
  .strict();

export const DeleteHelpQuery = z.object({ revision: z.coerce.number().int().min(1) }).strict();

export const PublicHelpQuery = z.object({ lang: z.string().max(20).optional() }).strict();
export const PublicSearchQuery = z
  .object({ q: z.string().trim().min(1).max(200), lang: z.string().max(20).optional() })
  .strict();
