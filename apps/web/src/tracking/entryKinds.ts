import { clinicTimeZone } from '../shell/clinic.ts';
import { dueTime } from '../work/dueTime.ts';
import type { EntryKind } from './types.ts';

/** How each kind of manual entry is entered and shown; the server validates the same fields. */
export interface FieldSpec {
  id: string;
  label: string;
  type: 'text' | 'number' | 'select' | 'date';
  options?: string[];
  required?: boolean;
  min?: number;
  max?: number;
  step?: number;
}

export const KIND_LABELS: Record<EntryKind, string> = {
  shift: 'Shift',
  training: 'Training delivered',
  support: 'Support contacts',
  faq: 'FAQ or video published',
  project: 'Project task',
};

export const KIND_FIELDS: Record<EntryKind, FieldSpec[]> = {
  shift: [
    {
      id: 'shift',
      label: 'Shift',
      type: 'select',
      options: ['morning', 'afternoon', 'evening', 'full-day'],
      required: true,
    },
    { id: 'site', label: 'Site', type: 'text', required: true },
    { id: 'hours', label: 'Hours', type: 'number', min: 0.25, max: 24, step: 0.25, required: true },
  ],
  training: [
    { id: 'topic', label: 'Topic', type: 'text', required: true },
    {
      id: 'format',
      label: 'Format',
      type: 'select',
      options: ['rounding', 'short-session', 'train-the-trainer', 'job-aid', 'other'],
      required: true,
    },
    { id: 'attendees', label: 'Attendees', type: 'number', min: 0, max: 1000, step: 1, required: true },
  ],
  support: [
    {
      id: 'contactType',
      label: 'Contact type',
      type: 'select',
      options: ['lockout', 'password-reset', 'expired-code', 'other'],
      required: true,
    },
    { id: 'count', label: 'Contacts', type: 'number', min: 1, max: 1000, step: 1, required: true },
    { id: 'escalatedToIt', label: 'Escalated to IT', type: 'number', min: 0, max: 1000, step: 1 },
  ],
  faq: [
    { id: 'itemType', label: 'Item', type: 'select', options: ['faq', 'video'], required: true },
    { id: 'title', label: 'Title', type: 'text', required: true },
    { id: 'language', label: 'Language', type: 'select', options: ['english', 'spanish', 'other'] },
  ],
  project: [
    { id: 'task', label: 'Task', type: 'text', required: true },
    {
      id: 'status',
      label: 'Status',
      type: 'select',
      options: ['not-started', 'in-progress', 'blocked', 'done'],
      required: true,
    },
    { id: 'dueDate', label: 'Due date', type: 'date' },
    { id: 'blocker', label: 'Blocker', type: 'text' },
    { id: 'accomplishment', label: 'Accomplishment', type: 'text' },
  ],
};

/**
 * One line describing an entry's fields, for the entries list. A project's due date reads as My work's
 * due times do ("Mon, Dec 7", "Tomorrow"), and says "overdue" once past while the project is not done.
 */
export function describeEntry(
  kind: EntryKind,
  fields: Record<string, unknown>,
  now = Date.now(),
  timeZone = clinicTimeZone(),
): string {
  const shown = (f: FieldSpec): string => {
    const value = String(fields[f.id]);
    if (f.id !== 'dueDate' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    const due = dueTime(value, now, timeZone);
    return due.overdue && fields.status !== 'done' ? `${due.when}, overdue` : due.when;
  };
  return KIND_FIELDS[kind]
    .filter((f) => fields[f.id] !== undefined && fields[f.id] !== '')
    .map((f) => `${f.label}: ${shown(f)}`)
    .join(' · ');
}
