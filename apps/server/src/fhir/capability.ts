import type { CapabilityStatement } from 'fhir/r4.js';

/**
 * What this server does in FHIR R4 terms (`GET /fhir/metadata`): JSON only; Communications are
 * created (each starts the workflow mapped to its category), human tasks are read as Tasks.
 */
export function capabilityStatement(input: { date: string; software: string }): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: input.date,
    publisher: 'portalflow',
    kind: 'instance',
    software: { name: input.software },
    implementation: {
      description:
        'portalflow: a Communication starts the workflow mapped to its category; each human task reads as a Task',
    },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          description:
            'Communication create: a Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature) with an intake key of the workflow, or an API token (Authorization: Bearer) of someone who may start it. Task read: a session or API token of someone who may read the task.',
        },
        resource: [
          {
            type: 'Communication',
            interaction: [{ code: 'create' }],
            documentation:
              'Starts the workflow whose definition maps this Communication category; the same webhook-id, or the same identifier, starts one instance',
          },
          {
            type: 'Task',
            interaction: [{ code: 'read' }],
            documentation:
              'One human task: status, owner role, due date (restriction.period.end), focus (its request)',
          },
        ],
      },
    ],
  };
}
