import type { Definition } from '../../src/definition.ts';

/** The triage workflow of docs/format.md, with help on every task. */
export const triage: Definition = {
  id: 'portal-message-triage',
  title: 'Patient portal message triage',
  roles: [
    { id: 'front-desk', name: 'Front desk', department: 'Front office' },
    { id: 'nurse', name: 'Triage nurse', department: 'Nursing' },
    { id: 'provider', name: 'Provider', department: 'Clinical' },
    { id: 'supervisor', name: 'Front office supervisor', department: 'Front office' },
  ],
  start: 'classify',
  steps: {
    classify: {
      type: 'task',
      role: 'front-desk',
      title: 'Classify the message',
      outcomes: { clinical: 'is-urgent', admin: 'admin-reply', spam: 'closed' },
      deadline: { after: 'PT4H', escalateTo: 'supervisor' },
      help: 'Clinical: symptoms, medications, results. Admin: scheduling, billing, forms.',
      form: [{ id: 'urgent', label: 'Urgent', type: 'boolean' }],
    },
    'is-urgent': {
      type: 'decision',
      branches: [{ when: 'data.urgent == true', to: 'call-patient' }],
      otherwise: 'nurse-review',
    },
    'call-patient': {
      type: 'task',
      role: 'nurse',
      title: 'Call the patient today',
      outcomes: { reached: 'closed', 'needs-provider': 'provider-review' },
      deadline: { after: 'PT1H', escalateTo: 'provider' },
      help: 'Phone the patient; do not assess symptoms by message.',
    },
    'nurse-review': {
      type: 'task',
      role: 'nurse',
      title: 'Answer or route to provider',
      outcomes: { answered: 'closed', 'needs-provider': 'provider-review' },
      help: 'Answer from protocol or route to the provider.',
    },
    'provider-review': {
      type: 'task',
      role: 'provider',
      title: 'Provider reply',
      outcomes: { replied: 'closed' },
      deadline: { after: 'P2D', escalateTo: 'nurse' },
      help: 'Reply to the patient in plain language.',
    },
    'admin-reply': {
      type: 'task',
      role: 'front-desk',
      title: 'Reply to admin request',
      outcomes: { replied: 'closed' },
      help: 'Scheduling, billing or forms: answer or forward.',
    },
    closed: { type: 'end', outcome: 'resolved' },
  },
};

/** Lab release: release and provider review run in parallel; a wait with a deadline; a form. */
export const labs: Definition = {
  id: 'lab-release',
  title: 'Lab result release',
  roles: [
    { id: 'provider', name: 'Provider', department: 'Clinical' },
    { id: 'nurse', name: 'Nurse', department: 'Nursing' },
    { id: 'records', name: 'Medical records', department: 'Health information' },
  ],
  start: 'fork',
  steps: {
    fork: { type: 'parallel', branches: ['release', 'review'], join: 'follow-up' },
    release: {
      type: 'task',
      role: 'records',
      title: 'Release result to the portal',
      outcomes: { released: 'follow-up', held: 'follow-up' },
      help: 'Release as soon as final unless the provider documented a harm hold.',
    },
    review: {
      type: 'task',
      role: 'provider',
      title: 'Review the result',
      outcomes: { normal: 'follow-up', abnormal: 'call', critical: 'critical-call' },
      form: [
        { id: 'comment', label: 'Comment to patient', type: 'textarea', required: true },
        { id: 'severity', label: 'Severity', type: 'select', options: ['low', 'high'] },
      ],
      help: 'Explain the result in plain language.',
    },
    call: {
      type: 'task',
      role: 'nurse',
      title: 'Call and schedule follow-up',
      outcomes: { scheduled: 'follow-up' },
      deadline: { after: 'P2D', calendar: 'business', escalateTo: 'provider' },
      help: 'Call the patient and book a follow-up visit.',
    },
    'critical-call': {
      type: 'task',
      role: 'provider',
      title: 'Phone the critical value',
      outcomes: { reached: 'done-critical' },
      help: 'Critical values are phoned within hours.',
    },
    'follow-up': {
      type: 'wait',
      signal: 'patient-viewed',
      next: 'done',
      deadline: { after: 'P7D', goTo: 'done' },
    },
    done: { type: 'end', outcome: 'released' },
    'done-critical': { type: 'end', outcome: 'critical-handled' },
  },
};
