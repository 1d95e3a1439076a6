import { type Definition, parseDefinition } from '@portalflow/engine';
import type { StoredLayout } from '../../src/index.ts';

/**
 * The eight-step workflow a lead built from nothing in five lanes: a request for a payer's prior
 * authorization, from the front desk through the provider to billing.
 */
export const priorAuthorization = (): Definition =>
  parseDefinition({
    id: 'prior-authorization',
    title: 'Prior authorization',
    roles: [
      { id: 'front-desk', name: 'Front desk & check-in', department: 'Front office' },
      { id: 'medical-assistant', name: 'Medical assistant (care-team pool)', department: 'Care team' },
      { id: 'provider', name: 'Provider (MD, DO, NP or PA)', department: 'Clinical' },
      { id: 'billing-specialist', name: 'Patient billing specialist', department: 'Billing' },
      { id: 'billing-supervisor', name: 'Billing supervisor', department: 'Billing' },
    ],
    start: 'collect-insurance-card',
    steps: {
      'collect-insurance-card': {
        type: 'task',
        role: 'front-desk',
        title: 'Collect insurance card',
        outcomes: { done: 'prepare-the-authorization-packet' },
      },
      'prepare-the-authorization-packet': {
        type: 'task',
        role: 'medical-assistant',
        title: 'Prepare the authorization packet',
        outcomes: { 'packet-ready': 'review-medical-necessity' },
      },
      'review-medical-necessity': {
        type: 'task',
        role: 'provider',
        title: 'Review medical necessity',
        outcomes: { 'send-it': 'submit-to-the-payer', 'needs-more': 'prepare-the-authorization-packet' },
      },
      'submit-to-the-payer': {
        type: 'task',
        role: 'billing-specialist',
        title: 'Submit to the payer',
        outcomes: { submitted: 'wait-for-the-payer' },
      },
      'wait-for-the-payer': {
        type: 'wait',
        title: 'Wait for the payer',
        signal: 'payer-answered',
        next: 'did-the-payer-approve',
      },
      'did-the-payer-approve': {
        type: 'decision',
        title: 'Did the payer approve?',
        branches: [{ when: 'data.payerAnswer == "approved"', to: 'authorized' }],
        otherwise: 'review-the-denial',
      },
      'review-the-denial': {
        type: 'task',
        role: 'billing-supervisor',
        title: 'Review the denial',
        outcomes: { closed: 'authorized' },
      },
      authorized: { type: 'end', title: 'Authorized', outcome: 'done' },
    },
  });

/**
 * Where the palette left those steps, each marked as placed by hand: one column per step, with a
 * wide gap after the first (x = 208, 892, 1220, …), a staircase across five lanes.
 */
export function paletteStaircase(definition: Definition): StoredLayout {
  const xs = [208, 892, 1220, 1548, 1876, 2204, 2532, 2860];
  const lanes: Record<string, string> = {
    'wait-for-the-payer': 'billing-specialist',
    'did-the-payer-approve': 'billing-specialist',
    authorized: 'billing-specialist',
  };
  return {
    positions: Object.fromEntries(
      Object.keys(definition.steps).map((id, i) => {
        const lane = lanes[id];
        return [id, { x: xs[i]!, y: 28, pinned: true, ...(lane ? { lane } : {}) }];
      }),
    ),
    lanes: [],
  };
}
