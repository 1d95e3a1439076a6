import type { AccessCategory } from './audit.ts';

/** The data categories the server records, in words (every one: the type says so). */
export const CATEGORY_WORDS: Record<AccessCategory, string> = {
  phi: 'Patient data',
  history: 'Histories',
  'instance-list': 'Request lists and searches',
  'task-list': 'Task lists',
  'access-log': 'Access log',
  definition: 'Workflows',
  account: 'Accounts',
  tracking: 'Tracking',
  'emergency-access': 'Break-glass access',
  authentication: 'Sign-in',
  backup: 'Backups (a copy of every request)',
};

/** A row's category in words; one not known yet reads as recorded. */
export const categoryWords = (category: string | null): string =>
  category === null ? '—' : (CATEGORY_WORDS[category as AccessCategory] ?? category);
