import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4.js';
import { ApiError } from '../http/errors.ts';

/** FHIR's media type; `application/json` is accepted too, as R4 allows. */
export const FHIR_JSON = 'application/fhir+json';

type IssueCode = OperationOutcomeIssue['code'];

/** An error a FHIR route answers with an OperationOutcome (R4 `IssueType` code, text, FHIRPath). */
export class FhirError extends Error {
  constructor(
    readonly status: ApiError['status'],
    readonly issueCode: IssueCode,
    message: string,
    readonly expression?: string,
  ) {
    super(message);
    this.name = 'FhirError';
  }
}

/** The issue type that best says what an HTTP error of the rest of the API means. */
const ISSUE_OF_STATUS: Partial<Record<number, IssueCode>> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-costly',
  415: 'not-supported',
  422: 'business-rule',
  429: 'throttled',
  503: 'transient',
};

export function operationOutcome(
  issueCode: IssueCode,
  text: string,
  options: { severity?: OperationOutcomeIssue['severity']; expression?: string; diagnostics?: string } = {},
): OperationOutcome {
  const issue: OperationOutcomeIssue = {
    severity: options.severity ?? 'error',
    code: issueCode,
    details: { text },
  };
  if (options.expression) issue.expression = [options.expression];
  if (options.diagnostics) issue.diagnostics = options.diagnostics;
  return { resourceType: 'OperationOutcome', issue: [issue] };
}

/** Any error thrown on a FHIR route, as its status and OperationOutcome. */
export function toOutcome(error: unknown): { status: number; outcome: OperationOutcome } {
  if (error instanceof FhirError) {
    return {
      status: error.status,
      outcome: operationOutcome(
        error.issueCode,
        error.message,
        error.expression ? { expression: error.expression } : {},
      ),
    };
  }
  if (error instanceof ApiError) {
    return {
      status: error.status,
      outcome: operationOutcome(ISSUE_OF_STATUS[error.status] ?? 'exception', error.message, {
        diagnostics: error.code,
      }),
    };
  }
  return { status: 500, outcome: operationOutcome('exception', 'The server could not process the request') };
}
