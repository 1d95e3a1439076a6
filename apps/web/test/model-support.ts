import { readFileSync } from 'node:fs';
import { type Definition, parseDefinition } from '@portalflow/engine';
import { type EditorDocument, emptyLayout } from '../src/model/document.ts';

const examples = new URL('../../../examples/workflows/', import.meta.url);

export function example(name: string): Definition {
  return parseDefinition(JSON.parse(readFileSync(new URL(`${name}.json`, examples), 'utf8')));
}

export const EXAMPLES = [
  'appointment-request',
  'billing-question',
  'enrollment-activation',
  'lab-result-release',
  'password-reset',
  'portal-message-triage',
  'prescription-refill',
  'proxy-access',
  'urgent-after-hours',
];

/** The design document's triage example, small enough to reason about in a test. */
export function triage(): Definition {
  return {
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
        help: 'Clinical: symptoms. Admin: scheduling.',
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
        help: 'Call now.',
      },
      'nurse-review': {
        type: 'task',
        role: 'nurse',
        title: 'Answer or route to provider',
        outcomes: { answered: 'closed', 'needs-provider': 'provider-review' },
        help: 'Answer.',
      },
      'provider-review': {
        type: 'task',
        role: 'provider',
        title: 'Provider reply',
        outcomes: { replied: 'closed' },
        deadline: { after: 'P2D', calendar: 'business', escalateTo: 'nurse' },
        help: 'Reply.',
      },
      'admin-reply': {
        type: 'task',
        role: 'front-desk',
        title: 'Reply to admin request',
        outcomes: { replied: 'closed' },
        help: 'Reply.',
      },
      closed: { type: 'end', outcome: 'resolved' },
    },
  };
}

export const doc = (definition: Definition = triage()): EditorDocument => ({
  definition,
  layout: emptyLayout(),
});
