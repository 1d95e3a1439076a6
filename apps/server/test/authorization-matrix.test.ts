import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSetPasswordCode } from '../src/accounts/set-password-code.ts';
import { totpCode } from '../src/auth/totp.ts';
import { storeVideo } from '../src/help/media.ts';
import { PASSWORD } from './support/app.ts';
import {
  documentedRoutes,
  type MatrixWorld,
  OTHER_ROLE,
  PATIENT,
  PEER,
  type Req,
  routeKey,
  SORTER,
  setupMatrix,
  TASK_ROLE,
  TRIAGE,
  TRIAGE_START,
  triageDefinition,
  WHO,
  type Who,
} from './support/matrix-setup.ts';

/**
 * Every route of the app × seven kinds of caller, each cell a real request against fresh objects.
 *
 * 'allow' means 2xx: the action really happened. A number is the exact status expected instead:
 * 401 not signed in, 403 not allowed, 409 allowed in principle but the state does not permit it
 * (here: the task is already someone else's).
 *
 * Callers: anonymous; admin; designer (operations lead); auditor; staffRole (holds `triage-nurse`,
 * the role of the task under test); staffOther (holds an unrelated clinic role, `billing-specialist`);
 * staffClaimed (holds `triage-nurse`, but a colleague claimed the task first).
 */
type Expected = 'allow' | 401 | 403 | 404 | 409;
type Row = Record<Who, Expected>;
const A = 'allow';

// biome-ignore format: a table is easier to review aligned
const EXPECTED: Record<string, Row> = {
  'GET /api/health':                          { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/openapi.json':                    { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/auth/login':                     { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // two-factor steps: each acts only on the caller's own half-finished sign-in or enrollment (409 when there is none)
  'POST /api/auth/totp/verify':               { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: 409, staffOther: 409, staffClaimed: 409 },
  'POST /api/auth/totp/setup':                { anonymous: 401, admin: 409, designer: 409, auditor: 409, staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/auth/totp/confirm':              { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/auth/logout':                    { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // single sign-on: this app has no provider set up (404 SSO_NOT_CONFIGURED); the group mapping is for admins
  'GET /api/sign-in-page':                    { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/auth/oidc':                       { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/auth/oidc/start':                 { anonymous: 404, admin: 404, designer: 404, auditor: 404, staffRole: 404, staffOther: 404, staffClaimed: 404 },
  'GET /api/auth/oidc/callback':              { anonymous: 404, admin: 404, designer: 404, auditor: 404, staffRole: 404, staffOther: 404, staffClaimed: 404 },
  'GET /api/sso/groups':                      { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/sso/status':                      { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'PUT /api/sso/groups':                      { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/clinic/hours':                    { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'PUT /api/clinic/hours':                    { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // applying the saved hours to the requests open now: admins only
  'GET /api/clinic/hours/open-requests':      { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/clinic/hours/open-requests':     { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/me':                              { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // whether this browser is signed in: not being signed in is an answer (me: null), not a refusal
  'GET /api/session':                         { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // backups: admins only (this app has none set up: taking one is 409 BACKUPS_OFF)
  'GET /api/backups':                         { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/backups':                        { anonymous: 401, admin: 409, designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/backups/{name}/download':         { anonymous: 401, admin: 409, designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // one's own password and sessions: everyone signed in, for themselves only
  'POST /api/me/password':                    { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/me/sessions':                     { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'DELETE /api/me/sessions/{sessionId}':      { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'DELETE /api/me/sessions':                  { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // the clinic's name, time zone and calendar: anyone signed in
  'GET /api/config':                          { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // accounts: only admins manage users; anyone signed in manages their own API tokens
  'GET /api/users':                           { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/users':                          { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'PATCH /api/users/{id}':                    { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // API tokens: anyone fully signed in makes, lists and revokes their own (another's: 404); admins any account's
  'POST /api/tokens':                         { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/tokens':                          { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'DELETE /api/tokens/{id}':                  { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/users/{id}/tokens':               { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'DELETE /api/users/{id}/tokens/{tokenId}':  { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // account administration: admins only; auditors also read the account change trail; anyone may redeem a set-password code
  'POST /api/auth/set-password':              { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/users/{id}/set-password-code':   { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // anyone may say they forgot their password (the same answer for every name); this app has no mail
  // server, so an admin's invitation is 409 EMAIL_NOT_CONFIGURED
  'POST /api/auth/forgot-password':           { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/users/{id}/invitation':          { anonymous: 401, admin: 409, designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/users/{id}/password-reset-email': { anonymous: 401, admin: 409, designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/users/{id}/sessions':             { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'DELETE /api/users/{id}/sessions/{sessionId}': { anonymous: 401, admin: A, designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'DELETE /api/users/{id}/sessions':          { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/users/{id}/sign-in-pause':        { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'DELETE /api/users/{id}/sign-in-pause':     { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/users/{id}/held-tasks':           { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/users/import/preview':           { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/users/import':                   { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/account-changes':                 { anonymous: 401, admin: A,   designer: 403, auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/people':                          { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // definitions: everyone reads published versions; designers and admins edit and publish; auditors also lint drafts
  'GET /api/definitions':                     { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/definitions':                    { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/definitions/{id}':                { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'PUT /api/definitions/{id}':                { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/definitions/{id}/validate':      { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/definitions/{id}/publish':       { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/definitions/{id}/versions':       { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/definitions/{id}/versions/{v}':   { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // keeping the list: leads delete drafts never published, retire and bring back published ones; auditors read running counts
  'DELETE /api/definitions/{id}':             { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/definitions/{id}/retire':        { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'DELETE /api/definitions/{id}/retire':      { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/definitions/{id}/running':        { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // instances: staff start workflows they have a role in and read instances of their roles; leads cancel
  'POST /api/instances':                      { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: A },
  'GET /api/instances':                       { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/instances/search':               { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/instances/{id}':                  { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: A },
  'POST /api/instances/{id}/signal':          { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: A },
  'POST /api/instances/{id}/cancel':          { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // ending a wait early: only the role a wait names (the lab hold's provider, end-hold-early.test.ts); the triage workflow names none
  'POST /api/instances/{id}/end-wait':        { anonymous: 401, admin: 403, designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // practice: each person's own practice runs' waiting steps; only whoever started the run (staffRole here) plays them
  'GET /api/practice/waits':                  { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/instances/{id}/practice-play':   { anonymous: 401, admin: 403, designer: 403, auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: 403 },
  // requests from My work: staff start workflows whose start form names their role (staffRole here); leads any with a start form
  'GET /api/requests/startable':              { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/requests':                       { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: A },
  'POST /api/requests/open-matches':          { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: A },
  // a status call: anyone with a clinic role (or a lead or auditor) looks a patient's requests up by reference
  'POST /api/requests/status':                { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // tasks: staff claim/complete only tasks of roles they hold; leads reassign and release; auditors never act
  'GET /api/tasks':                           { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/tasks/{id}':                      { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: A },
  'POST /api/tasks/{id}/claim':               { anonymous: 401, admin: 403, designer: 403, auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: 409 },
  'POST /api/tasks/{id}/release':             { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: 409 },
  'POST /api/tasks/{id}/complete':            { anonymous: 401, admin: 403, designer: 403, auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: 409 },
  'POST /api/tasks/{id}/reassign':            { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // handing one's own claimed task to a named colleague of the role: only its holder (staffClaimed: a colleague holds it)
  'GET /api/tasks/{id}/colleagues':           { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: A },
  'POST /api/tasks/{id}/hand-off':            { anonymous: 401, admin: 403, designer: 403, auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: 409 },
  'POST /api/tasks/reassign':                 { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/tasks/{id}/comments':             { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: A },
  'POST /api/tasks/{id}/comments':            { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: A },
  // what is typed on a task and not sent: its holder's alone (others who may see the task: 409 NOT_YOURS)
  'GET /api/tasks/{id}/draft':                { anonymous: 401, admin: 409, designer: 409, auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: 409 },
  'PUT /api/tasks/{id}/draft':                { anonymous: 401, admin: 409, designer: 409, auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: 409 },
  // audit: readers of the instance see its history; verifying everything and the access log are for auditors and admins
  // a request's notes: read by whoever may read the request; added by those who work it; edited by their author only
  'GET /api/instances/{id}/notes':            { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: A },
  'POST /api/instances/{id}/notes':           { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: A },
  'PATCH /api/instances/{id}/notes/{noteId}': { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: A },
  // a request's files: read and downloaded like its notes; attached by those who work it; removed by who attached them or a lead
  'GET /api/instances/{id}/attachments':      { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: A },
  'POST /api/instances/{id}/attachments':     { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: A },
  'GET /api/instances/{id}/attachments/{attachmentId}': { anonymous: 401, admin: A, designer: A, auditor: A, staffRole: A, staffOther: 403, staffClaimed: A },
  'POST /api/instances/{id}/attachments/{attachmentId}/remove': { anonymous: 401, admin: A, designer: A, auditor: 403, staffRole: A, staffOther: 403, staffClaimed: A },
  'GET /api/instances/{id}/history':          { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: A },
  'GET /api/instances/{id}/replay':           { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: A },
  'GET /api/instances/{id}/states':           { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: A },
  'GET /api/instances/{id}/export':           { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: A },
  'GET /api/audit/verify':                    { anonymous: 401, admin: A,   designer: 403, auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/audit/access-log':                { anonymous: 401, admin: A,   designer: 403, auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/audit/access-log/search':        { anonymous: 401, admin: A,   designer: 403, auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/audit/access-log/export':        { anonymous: 401, admin: A,   designer: 403, auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/audit/checkpoints':              { anonymous: 401, admin: A,   designer: 403, auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/audit/checkpoints':               { anonymous: 401, admin: A,   designer: 403, auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // the caller's own notifications and live updates
  'GET /api/notifications':                   { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/notifications/read':             { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/events':                          { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // roles and job descriptions: everyone signed in reads them; leads edit and sign off
  'GET /api/roles':                           { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/roles/{id}':                      { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/roles/{id}/job-description':      { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'PUT /api/roles/{id}/job-text':             { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/roles/{id}/approve':             { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // refreshers: people acknowledge changes to roles they hold; leads and auditors see who has done what; leads schedule
  'GET /api/refreshers/mine':                 { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/refreshers/acknowledge':         { anonymous: 401, admin: 403, designer: 403, auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: A },
  'GET /api/refreshers':                      { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/refresher-schedules':             { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/refresher-schedules':            { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'DELETE /api/refresher-schedules/{id}':     { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // the handbook of a published version: for everyone signed in
  'GET /api/handbook/{id}/{v}':               { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // tracking sheet: a person sees their own; leads and auditors see everyone's and per role. Manual entries:
  // the owner (staffRole here) and leads change them; auditors read and never write
  'GET /api/tracking/sheet':                  { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/tracking/entries':                { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: 403 },
  'POST /api/tracking/entries':               { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: 403 },
  'PATCH /api/tracking/entries/{id}':         { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: 403 },
  'DELETE /api/tracking/entries/{id}':        { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: A,   staffOther: 403, staffClaimed: 403 },
  'GET /api/tracking/entries/{id}/changes':   { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: 403 },
  // help: public help needs no sign-in; everyone signed in reads published staff help; admins, designers
  // and the portal support role write; the edit history is for writers and auditors
  'GET /api/public/help/{clinic}':            { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/public/help/{clinic}/search':     { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/public/help/{clinic}/hours':      { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/help/clinics':                    { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'PUT /api/help/clinics/{slug}':             { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/help/entries':                    { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/help/entries':                   { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/help/entries/{id}':               { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'PUT /api/help/entries/{id}':               { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/help/entries/{id}/publish':      { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/help/entries/{id}/unpublish':    { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'DELETE /api/help/entries/{id}':            { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/help/entries/{id}/changes':       { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/public/help/{clinic}/videos/{id}/{sha256}':              { anonymous: A, admin: A, designer: A, auditor: A, staffRole: A, staffOther: A, staffClaimed: A },
  'GET /api/public/help/{clinic}/videos/{id}/captions/{language}':   { anonymous: A, admin: A, designer: A, auditor: A, staffRole: A, staffOther: A, staffClaimed: A },
  // intake: admins and leads manage keys; a signed webhook needs no sign-in (the signature is its credential)
  'POST /api/intake/keys':                    { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/intake/keys':                     { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'DELETE /api/intake/keys/{id}':             { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/intake/{workflowId}':            { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  // FHIR: the CapabilityStatement is public; a Communication is signed; a Task is read like any task
  'GET /fhir/metadata':                       { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /fhir/Communication':                 { anonymous: A,   admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /fhir/Task/{id}':                      { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: 403, staffClaimed: A },
  'POST /api/help/entries/{id}/video':        { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'DELETE /api/help/entries/{id}/video':      { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/help/entries/{id}/video/{sha256}': { anonymous: 401, admin: A,  designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/help/entries/{id}/captions/{language}': { anonymous: 401, admin: A, designer: A, auditor: A, staffRole: A, staffOther: A, staffClaimed: A },
  // migrations of running instances: leads plan, dry-run, apply and stop; auditors read plans and runs
  'POST /api/migrations':                     { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/migrations':                      { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/migrations/{id}':                 { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'PUT /api/migrations/{id}':                 { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/migrations/{id}/dry-run':        { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/migrations/{id}/apply':          { anonymous: 401, admin: A,   designer: A,   auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/migrations/{id}/runs/{runId}':    { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/migrations/{id}/runs/{runId}/stop': { anonymous: 401, admin: A, designer: A,  auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // break glass: only holders of the break-glass role (none of these callers) ask; a grant is ended by its holder
  'POST /api/emergency-access':               { anonymous: 401, admin: 403, designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/emergency-access':                { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'POST /api/emergency-access/{id}/end':      { anonymous: 401, admin: 404, designer: 404, auditor: 404, staffRole: 404, staffOther: 404, staffClaimed: 404 },
  // email notifications: everyone their own; webhooks and the outbox's deliveries: admins only
  'GET /api/email-preferences':               { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'PUT /api/email-preferences':               { anonymous: 401, admin: A,   designer: A,   auditor: A,   staffRole: A,   staffOther: A,   staffClaimed: A },
  'GET /api/webhooks':                        { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/webhooks':                       { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'DELETE /api/webhooks/{id}':                { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/webhooks/{id}/rotate':           { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/webhooks/{id}/rotation/finish':  { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // a test event to a receiver that does not resolve: sent, and answered as not delivered (200)
  'POST /api/webhooks/{id}/test':             { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'GET /api/outbox':                          { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  'POST /api/outbox/{id}/resend':             { anonymous: 401, admin: A,   designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
  // this app has no mail server: an admin's test email is 409 EMAIL_NOT_CONFIGURED
  'POST /api/outbox/test-email':              { anonymous: 401, admin: 409, designer: 403, auditor: 403, staffRole: 403, staffOther: 403, staffClaimed: 403 },
};

/**
 * A copy of the triage workflow published twice, the second time with a new outcome for the triage
 * nurse: a refresher for `TASK_ROLE` (made once; acknowledging again is allowed).
 */
let nurseRefresher: Promise<string> | undefined;
function changedForNurses(w: MatrixWorld): Promise<string> {
  nurseRefresher ??= (async () => {
    const id = await w.freshDraft();
    await w.ok('designer', 'POST', `/api/definitions/${id}/publish`, { revision: 1 });
    const definition = { ...triageDefinition(), id } as unknown as {
      steps: Record<string, { outcomes: Record<string, string> }>;
    };
    definition.steps['nurse-review']!.outcomes['needs-visit'] = 'book-visit';
    await w.ok('designer', 'PUT', `/api/definitions/${id}`, { definition, revision: 1 });
    await w.ok('designer', 'POST', `/api/definitions/${id}/publish`, { revision: 2 });
    return id;
  })();
  return nurseRefresher;
}

/** A fresh copy of the triage workflow, published once: a workflow a cell may retire. */
async function publishedCopy(w: MatrixWorld): Promise<string> {
  const id = await w.freshDraft();
  await w.ok('designer', 'POST', `/api/definitions/${id}/publish`, { revision: 1 });
  return id;
}

/** The task the cell acts on: a colleague already has it for `staffClaimed`, it is in the pool otherwise. */
const taskFor = (w: MatrixWorld, who: Who) => w.nurseTask(who === 'staffClaimed' ? PEER : undefined);

/** A practice triage run the triage nurse (staffRole) started and played up to the wait for the patient's answer. */
async function practiceWait(w: MatrixWorld): Promise<{ instanceId: string; token: string }> {
  type Active = { step: string; kind: string; taskId: string; token: string };
  const started = await w.ok('staffRole', 'POST', '/api/instances', {
    definitionId: TRIAGE,
    data: TRIAGE_START,
    practice: true,
  });
  const play = async (taskId: string, body: unknown) => {
    await w.ok('staffRole', 'POST', `/api/tasks/${taskId}/claim`);
    return (await w.ok('staffRole', 'POST', `/api/tasks/${taskId}/complete`, body)).instance
      .active as Active[];
  };
  const sorted = await play(started.instance.active[0].taskId, {
    outcome: 'sorted',
    data: { topic: 'medical-question', redFlags: false },
  });
  const asked = await play(sorted.find((a) => a.step === 'nurse-review')!.taskId, {
    outcome: 'needs-more-info',
  });
  return { instanceId: started.instance.id, token: asked.find((a) => a.kind === 'wait')!.token };
}

/** A one-page PDF's first bytes: enough for the server to know the file for a PDF. */
const MATRIX_PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

/** A file attached to the request by `who`, through the API. */
async function attachAs(w: MatrixWorld, who: Who, instanceId: string) {
  const f = new FormData();
  f.append('file', new Blob([MATRIX_PDF]), 'statement.pdf');
  const sent = await w.send(who, {
    method: 'POST',
    path: `/api/instances/${instanceId}/attachments`,
    form: () => f,
  });
  if (sent.status !== 201) throw new Error(`attaching as ${who}: ${sent.status} ${sent.text}`);
  return sent.body as { attachment: { id: string } };
}

/** How to make a valid request for a route as `who`, against objects made fresh for that cell. */
export const REQUESTS: Record<string, (w: MatrixWorld, who: Who) => Promise<Req>> = {
  'GET /api/health': async () => ({ method: 'GET', path: '/api/health' }),
  'GET /api/openapi.json': async () => ({ method: 'GET', path: '/api/openapi.json' }),
  'POST /api/auth/login': async (w, who) => ({
    method: 'POST',
    path: '/api/auth/login',
    body: { username: who === 'anonymous' ? SORTER : w.username(who), password: PASSWORD },
    // From another browser: signing in revokes the session the sending browser held.
    as: {},
  }),
  // A second browser of the caller that has given its password but no code yet; a recovery code finishes it.
  'POST /api/auth/totp/verify': async (w, who) => {
    if (who === 'anonymous' || !['admin', 'designer', 'auditor'].includes(who))
      return { method: 'POST', path: '/api/auth/totp/verify', body: { code: '123456' } };
    await w.headers(who); // enrolled on first sign-in
    return {
      method: 'POST',
      path: '/api/auth/totp/verify',
      body: { recoveryCode: w.t.recoveryCode(w.username(who)) },
      as: await w.t.passwordOnly(w.username(who)),
    };
  },
  'POST /api/auth/totp/setup': async () => ({ method: 'POST', path: '/api/auth/totp/setup', body: {} }),
  // A colleague with the caller's roles enrolling for the first time (admins, designers and auditors must).
  'POST /api/auth/totp/confirm': async (w, who) => {
    if (who === 'anonymous')
      return { method: 'POST', path: '/api/auth/totp/confirm', body: { code: '123456' } };
    const colleague = await w.freshUser(w.t.user(w.username(who)).roles);
    const as = await w.t.passwordOnly(colleague.username);
    const setup = await w.send(colleague.username, { method: 'POST', path: '/api/auth/totp/setup', as });
    const code = totpCode(setup.body.secret, Date.parse(w.t.clock.now()));
    return { method: 'POST', path: '/api/auth/totp/confirm', body: { code }, as };
  },
  'POST /api/auth/logout': async (w, who) => ({
    method: 'POST',
    path: '/api/auth/logout',
    // Its own session, so signing out does not end the caller's shared one.
    ...(who === 'anonymous' ? {} : { as: await w.t.login(w.username(who)) }),
  }),
  'GET /api/me': async () => ({ method: 'GET', path: '/api/me' }),
  'GET /api/session': async () => ({ method: 'GET', path: '/api/session' }),
  // A colleague with the caller's roles, in a session of their own: a new password ends every other session.
  'POST /api/me/password': async (w, who) => {
    const body = { currentPassword: PASSWORD, newPassword: `${w.unique('fresh')} purple lantern bridge` };
    if (who === 'anonymous') return { method: 'POST', path: '/api/me/password', body };
    const colleague = await w.freshUser(w.t.user(w.username(who)).roles);
    return { method: 'POST', path: '/api/me/password', body, as: await w.t.login(colleague.username) };
  },
  'GET /api/me/sessions': async () => ({ method: 'GET', path: '/api/me/sessions' }),
  'GET /api/backups': async () => ({ method: 'GET', path: '/api/backups' }),
  'POST /api/backups': async () => ({ method: 'POST', path: '/api/backups' }),
  'GET /api/backups/{name}/download': async () => ({
    method: 'GET',
    path: '/api/backups/2026-12-06/download',
  }),
  // A second session of the caller's own, ended from the shared one.
  'DELETE /api/me/sessions/{sessionId}': async (w, who) => {
    if (who === 'anonymous') return { method: 'DELETE', path: '/api/me/sessions/some-session' };
    const second = await w.t.login(w.username(who));
    const listed = await w.send(who, { method: 'GET', path: '/api/me/sessions', as: second });
    const id = listed.body.sessions.find((s: { current: boolean }) => s.current).id;
    return { method: 'DELETE', path: `/api/me/sessions/${encodeURIComponent(id)}` };
  },
  'DELETE /api/me/sessions': async (w, who) => {
    if (who === 'anonymous') return { method: 'DELETE', path: '/api/me/sessions' };
    const colleague = await w.freshUser(w.t.user(w.username(who)).roles);
    return { method: 'DELETE', path: '/api/me/sessions', as: await w.t.login(colleague.username) };
  },
  'GET /api/config': async () => ({ method: 'GET', path: '/api/config' }),
  'GET /api/sign-in-page': async () => ({ method: 'GET', path: '/api/sign-in-page' }),
  'GET /api/users': async () => ({ method: 'GET', path: '/api/users' }),
  'POST /api/users': async (w) => ({
    method: 'POST',
    path: '/api/users',
    body: { username: w.unique('new-user'), password: 'a long enough password', roles: ['front-desk'] },
  }),
  'PATCH /api/users/{id}': async (w) => ({
    method: 'PATCH',
    path: `/api/users/${(await w.freshUser(['front-desk'])).id}`,
    body: { displayName: 'Renamed colleague' },
  }),
  'POST /api/tokens': async () => ({
    method: 'POST',
    path: '/api/tokens',
    body: { name: 'cli', scope: 'read' },
  }),
  'GET /api/tokens': async () => ({ method: 'GET', path: '/api/tokens' }),
  'GET /api/auth/oidc': async () => ({ method: 'GET', path: '/api/auth/oidc' }),
  'GET /api/auth/oidc/start': async () => ({ method: 'GET', path: '/api/auth/oidc/start' }),
  'GET /api/auth/oidc/callback': async () => ({
    method: 'GET',
    path: '/api/auth/oidc/callback?code=c&state=s',
  }),
  'GET /api/sso/groups': async () => ({ method: 'GET', path: '/api/sso/groups' }),
  'GET /api/sso/status': async () => ({ method: 'GET', path: '/api/sso/status' }),
  'PUT /api/sso/groups': async () => ({
    method: 'PUT',
    path: '/api/sso/groups',
    body: { mapping: [{ group: 'matrix-nurses', roles: ['triage-nurse'] }] },
  }),
  'GET /api/clinic/hours': async () => ({ method: 'GET', path: '/api/clinic/hours' }),
  // From the revision stored now, so each allowed save is one a person could make.
  'GET /api/clinic/hours/open-requests': async () => ({
    method: 'GET',
    path: '/api/clinic/hours/open-requests',
  }),
  // From the revision stored now, so each allowed apply is one a person could make.
  'POST /api/clinic/hours/open-requests': async (w) => ({
    method: 'POST',
    path: '/api/clinic/hours/open-requests',
    body: { expectedRevision: (await w.t.store.getClinicCalendar())?.revision ?? 0 },
  }),
  'PUT /api/clinic/hours': async (w) => ({
    method: 'PUT',
    path: '/api/clinic/hours',
    body: {
      hours: { mon: [['08:00', '17:00']] },
      closures: [],
      expectedRevision: (await w.t.store.getClinicCalendar())?.revision ?? 0,
    },
  }),
  // A fresh token of the caller's own (anonymous: of the sorter).
  'DELETE /api/tokens/{id}': async (w, who) => ({
    method: 'DELETE',
    path: `/api/tokens/${await w.freshToken(who === 'anonymous' ? SORTER : who)}`,
  }),
  'GET /api/users/{id}/tokens': async (w) => ({
    method: 'GET',
    path: `/api/users/${w.userId('staffRole')}/tokens`,
  }),
  'DELETE /api/users/{id}/tokens/{tokenId}': async (w) => ({
    method: 'DELETE',
    path: `/api/users/${w.userId('staffRole')}/tokens/${await w.freshToken('staffRole')}`,
  }),
  // A colleague given a code by an admin a moment ago (written through the store) redeems it.
  'POST /api/auth/set-password': async (w) => {
    const colleague = await w.freshUser(['front-desk']);
    const code = `CODE-${w.unique('x')}`;
    const at = w.t.clock.now();
    await w.t.store.createSetPasswordCode({
      userId: colleague.id,
      codeHash: hashSetPasswordCode(code),
      actorId: null,
      at,
      expiresAt: new Date(Date.parse(at) + 3600_000).toISOString(),
    });
    return {
      method: 'POST',
      path: '/api/auth/set-password',
      body: { username: colleague.username, code, password: 'a long enough password' },
      as: {},
    };
  },
  'POST /api/users/{id}/set-password-code': async (w) => ({
    method: 'POST',
    path: `/api/users/${(await w.freshUser(['front-desk'])).id}/set-password-code`,
  }),
  'POST /api/auth/forgot-password': async (w) => ({
    method: 'POST',
    path: '/api/auth/forgot-password',
    body: { who: (await w.freshUser(['front-desk'])).username },
    as: {},
  }),
  'POST /api/users/{id}/invitation': async (w) => ({
    method: 'POST',
    path: `/api/users/${(await w.freshUser(['front-desk'])).id}/invitation`,
  }),
  'POST /api/users/{id}/password-reset-email': async (w) => ({
    method: 'POST',
    path: `/api/users/${(await w.freshUser(['front-desk'])).id}/password-reset-email`,
  }),
  'GET /api/users/{id}/sessions': async (w) => ({
    method: 'GET',
    path: `/api/users/${w.userId('staffRole')}/sessions`,
  }),
  'DELETE /api/users/{id}/sessions/{sessionId}': async (w) => {
    const colleague = await w.freshUser(['front-desk']);
    const { session } = await w.t.store.createSession({
      userId: colleague.id,
      ttlMs: 3600_000,
      at: w.t.clock.now(),
    });
    return { method: 'DELETE', path: `/api/users/${colleague.id}/sessions/${session.id}` };
  },
  'DELETE /api/users/{id}/sessions': async (w) => ({
    method: 'DELETE',
    path: `/api/users/${(await w.freshUser(['front-desk'])).id}/sessions`,
  }),
  'GET /api/users/{id}/sign-in-pause': async (w) => ({
    method: 'GET',
    path: `/api/users/${w.userId('staffRole')}/sign-in-pause`,
  }),
  'DELETE /api/users/{id}/sign-in-pause': async (w) => ({
    method: 'DELETE',
    path: `/api/users/${w.userId('staffRole')}/sign-in-pause`,
  }),
  'GET /api/users/{id}/held-tasks': async (w) => ({
    method: 'GET',
    path: `/api/users/${w.userId('staffClaimed')}/held-tasks`,
  }),
  'POST /api/users/import/preview': async (w) => ({
    method: 'POST',
    path: '/api/users/import/preview',
    body: { csv: `username,display name,roles\n${w.unique('staff')},New colleague,front-desk` },
  }),
  'POST /api/users/import': async (w) => ({
    method: 'POST',
    path: '/api/users/import',
    body: { csv: `username,display name,roles\n${w.unique('staff')},New colleague,front-desk` },
  }),
  'GET /api/account-changes': async () => ({ method: 'GET', path: '/api/account-changes' }),
  'GET /api/people': async () => ({ method: 'GET', path: '/api/people' }),
  'GET /api/definitions': async () => ({ method: 'GET', path: '/api/definitions' }),
  'POST /api/definitions': async (w) => ({
    method: 'POST',
    path: '/api/definitions',
    body: { definition: { ...triageDefinition(), id: w.unique('new-workflow') } },
  }),
  'GET /api/definitions/{id}': async () => ({ method: 'GET', path: `/api/definitions/${TRIAGE}` }),
  'PUT /api/definitions/{id}': async (w) => {
    const id = await w.freshDraft();
    return {
      method: 'PUT',
      path: `/api/definitions/${id}`,
      body: { definition: { ...triageDefinition(), id, title: 'Edited title' }, revision: 1 },
    };
  },
  'POST /api/definitions/{id}/validate': async (w) => ({
    method: 'POST',
    path: `/api/definitions/${await w.freshDraft()}/validate`,
  }),
  'POST /api/definitions/{id}/publish': async (w) => ({
    method: 'POST',
    path: `/api/definitions/${await w.freshDraft()}/publish`,
    body: { revision: 1 },
  }),
  'GET /api/definitions/{id}/versions': async () => ({
    method: 'GET',
    path: `/api/definitions/${TRIAGE}/versions`,
  }),
  'GET /api/definitions/{id}/versions/{v}': async () => ({
    method: 'GET',
    path: `/api/definitions/${TRIAGE}/versions/1`,
  }),
  'DELETE /api/definitions/{id}': async (w) => ({
    method: 'DELETE',
    path: `/api/definitions/${await w.freshDraft()}`,
  }),
  'POST /api/definitions/{id}/retire': async (w) => ({
    method: 'POST',
    path: `/api/definitions/${await publishedCopy(w)}/retire`,
  }),
  'DELETE /api/definitions/{id}/retire': async (w) => {
    const id = await publishedCopy(w);
    await w.ok('designer', 'POST', `/api/definitions/${id}/retire`);
    return { method: 'DELETE', path: `/api/definitions/${id}/retire` };
  },
  'GET /api/definitions/{id}/running': async () => ({
    method: 'GET',
    path: `/api/definitions/${TRIAGE}/running`,
  }),
  'POST /api/instances': async () => ({
    method: 'POST',
    path: '/api/instances',
    body: { definitionId: TRIAGE, data: TRIAGE_START },
  }),
  'GET /api/instances': async () => ({ method: 'GET', path: '/api/instances' }),
  'GET /api/requests/startable': async () => ({ method: 'GET', path: '/api/requests/startable' }),
  'POST /api/requests': async (w) => ({
    method: 'POST',
    path: '/api/requests',
    body: { definitionId: await w.startableByNurses(), data: { patientName: PATIENT.name } },
  }),
  'POST /api/requests/open-matches': async (w) => ({
    method: 'POST',
    path: '/api/requests/open-matches',
    body: { definitionId: await w.startableByNurses(), data: { patientName: PATIENT.name } },
  }),
  'POST /api/requests/status': async () => ({
    method: 'POST',
    path: '/api/requests/status',
    body: { patient: TRIAGE_START.patient },
  }),
  'POST /api/instances/search': async () => ({
    method: 'POST',
    path: '/api/instances/search',
    body: { personName: 'nurse' },
  }),
  'GET /api/instances/{id}': async (w, who) => ({
    method: 'GET',
    path: `/api/instances/${(await taskFor(w, who)).instanceId}`,
  }),
  'POST /api/instances/{id}/signal': async (w) => ({
    method: 'POST',
    path: `/api/instances/${(await w.awaitingPatient()).instanceId}/signal`,
    body: { name: 'patient-replied' },
  }),
  'GET /api/practice/waits': async () => ({ method: 'GET', path: '/api/practice/waits' }),
  'POST /api/instances/{id}/practice-play': async (w) => {
    const { instanceId, token } = await practiceWait(w);
    return {
      method: 'POST',
      path: `/api/instances/${instanceId}/practice-play`,
      body: { token, answer: 'signal' },
    };
  },
  'POST /api/instances/{id}/end-wait': async (w) => ({
    method: 'POST',
    path: `/api/instances/${(await w.awaitingPatient()).instanceId}/end-wait`,
    body: { token: '1', reason: 'Called the patient' },
  }),
  'POST /api/instances/{id}/cancel': async (w, who) => ({
    method: 'POST',
    path: `/api/instances/${(await taskFor(w, who)).instanceId}/cancel`,
    body: { reason: 'duplicate message' },
  }),
  'GET /api/tasks': async () => ({ method: 'GET', path: '/api/tasks?scope=pool' }),
  'GET /api/tasks/{id}': async (w, who) => ({
    method: 'GET',
    path: `/api/tasks/${(await taskFor(w, who)).taskId}`,
  }),
  'POST /api/tasks/{id}/claim': async (w, who) => ({
    method: 'POST',
    path: `/api/tasks/${(await taskFor(w, who)).taskId}/claim`,
  }),
  // Release needs a claimed task: the caller's own for staffRole, a colleague's for everyone else.
  'POST /api/tasks/{id}/release': async (w, who) => ({
    method: 'POST',
    path: `/api/tasks/${(await w.nurseTask(who === 'staffRole' ? 'staffRole' : PEER)).taskId}/release`,
  }),
  'GET /api/tasks/{id}/colleagues': async (w, who) => ({
    method: 'GET',
    path: `/api/tasks/${(await taskFor(w, who)).taskId}/colleagues`,
  }),
  // A hand-off needs a claimed task: the caller's own for staffRole (to the peer), a colleague's for everyone else.
  'POST /api/tasks/{id}/hand-off': async (w, who) => ({
    method: 'POST',
    path: `/api/tasks/${(await w.nurseTask(who === 'staffRole' ? 'staffRole' : PEER)).taskId}/hand-off`,
    body: { to: w.userId(who === 'staffRole' ? PEER : 'staffRole'), note: 'Covering this afternoon' },
  }),
  'POST /api/tasks/{id}/complete': async (w, who) => ({
    method: 'POST',
    path: `/api/tasks/${(await taskFor(w, who)).taskId}/complete`,
    body: { outcome: 'answered', note: 'Answered in the portal' },
  }),
  'POST /api/tasks/{id}/reassign': async (w, who) => ({
    method: 'POST',
    path: `/api/tasks/${(await taskFor(w, who)).taskId}/reassign`,
    body: { priority: 'high', reason: 'patient called twice' },
  }),
  'POST /api/tasks/reassign': async (w, who) => ({
    method: 'POST',
    path: '/api/tasks/reassign',
    body: { taskIds: [(await taskFor(w, who)).taskId], assignee: w.userId(PEER) },
  }),
  'GET /api/tasks/{id}/comments': async (w, who) => ({
    method: 'GET',
    path: `/api/tasks/${(await taskFor(w, who)).taskId}/comments`,
  }),
  'POST /api/tasks/{id}/comments': async (w, who) => ({
    method: 'POST',
    path: `/api/tasks/${(await taskFor(w, who)).taskId}/comments`,
    body: { body: 'Called the patient back' },
  }),
  // A draft needs a claimed task: the caller's own for staffRole, a colleague's for everyone else.
  'GET /api/tasks/{id}/draft': async (w, who) => ({
    method: 'GET',
    path: `/api/tasks/${(await w.nurseTask(who === 'staffRole' ? 'staffRole' : PEER)).taskId}/draft`,
  }),
  'PUT /api/tasks/{id}/draft': async (w, who) => ({
    method: 'PUT',
    path: `/api/tasks/${(await w.nurseTask(who === 'staffRole' ? 'staffRole' : PEER)).taskId}/draft`,
    body: { baseRevision: 0, values: {}, note: 'Called the patient, no answer yet' },
  }),
  'GET /api/instances/{id}/notes': async (w, who) => ({
    method: 'GET',
    path: `/api/instances/${(await taskFor(w, who)).instanceId}/notes`,
  }),
  'POST /api/instances/{id}/notes': async (w, who) => ({
    method: 'POST',
    path: `/api/instances/${(await taskFor(w, who)).instanceId}/notes`,
    body: { body: 'Called the patient back', forNextRole: true },
  }),
  // The caller's own note where they may write one; otherwise a lead's, which they may not edit either way.
  'PATCH /api/instances/{id}/notes/{noteId}': async (w, who) => {
    const { instanceId } = await taskFor(w, who);
    const author = ['admin', 'designer', 'staffRole', 'staffClaimed'].includes(who) ? who : 'designer';
    const added = await w.ok(author, 'POST', `/api/instances/${instanceId}/notes`, {
      body: 'Left a message',
    });
    return {
      method: 'PATCH',
      path: `/api/instances/${instanceId}/notes/${added.note.id}`,
      body: { body: 'Left a message; patient called back', revision: 1 },
    };
  },
  'GET /api/instances/{id}/attachments': async (w, who) => ({
    method: 'GET',
    path: `/api/instances/${(await taskFor(w, who)).instanceId}/attachments`,
  }),
  'POST /api/instances/{id}/attachments': async (w, who) => ({
    method: 'POST',
    path: `/api/instances/${(await taskFor(w, who)).instanceId}/attachments`,
    form: () => {
      const f = new FormData();
      f.append('file', new Blob([MATRIX_PDF]), 'statement.pdf');
      return f;
    },
  }),
  'GET /api/instances/{id}/attachments/{attachmentId}': async (w, who) => {
    const { instanceId } = await taskFor(w, who);
    const added = await attachAs(w, 'designer', instanceId);
    return { method: 'GET', path: `/api/instances/${instanceId}/attachments/${added.attachment.id}` };
  },
  // The caller's own file where they may attach one; otherwise a lead's.
  'POST /api/instances/{id}/attachments/{attachmentId}/remove': async (w, who) => {
    const { instanceId } = await taskFor(w, who);
    const author = ['admin', 'designer', 'staffRole', 'staffClaimed'].includes(who) ? who : 'designer';
    const added = await attachAs(w, author, instanceId);
    return {
      method: 'POST',
      path: `/api/instances/${instanceId}/attachments/${added.attachment.id}/remove`,
      body: { reason: 'attached to the wrong request' },
    };
  },
  'GET /api/instances/{id}/history': async (w, who) => ({
    method: 'GET',
    path: `/api/instances/${(await taskFor(w, who)).instanceId}/history`,
  }),
  'GET /api/instances/{id}/replay': async (w, who) => ({
    method: 'GET',
    path: `/api/instances/${(await taskFor(w, who)).instanceId}/replay?at=1`,
  }),
  'GET /api/instances/{id}/states': async (w, who) => ({
    method: 'GET',
    path: `/api/instances/${(await taskFor(w, who)).instanceId}/states`,
  }),
  'GET /api/instances/{id}/export': async (w, who) => ({
    method: 'GET',
    path: `/api/instances/${(await taskFor(w, who)).instanceId}/export?format=csv`,
  }),
  'GET /api/audit/verify': async () => ({ method: 'GET', path: '/api/audit/verify' }),
  'GET /api/audit/access-log': async () => ({ method: 'GET', path: '/api/audit/access-log?limit=5' }),
  'POST /api/audit/access-log/search': async () => ({
    method: 'POST',
    path: '/api/audit/access-log/search',
    body: { patient: TRIAGE_START.patient, limit: 5 },
  }),
  'POST /api/audit/access-log/export': async () => ({
    method: 'POST',
    path: '/api/audit/access-log/export',
    body: { patient: TRIAGE_START.patient },
  }),
  'POST /api/audit/checkpoints': async () => ({ method: 'POST', path: '/api/audit/checkpoints' }),
  'GET /api/audit/checkpoints': async () => ({ method: 'GET', path: '/api/audit/checkpoints' }),
  'GET /api/notifications': async () => ({ method: 'GET', path: '/api/notifications' }),
  'POST /api/notifications/read': async (w) => ({
    method: 'POST',
    path: '/api/notifications/read',
    body: { ids: [await w.notificationForNurses()] },
  }),
  'GET /api/events': async () => ({ method: 'GET', path: '/api/events' }),
  'GET /api/roles': async () => ({ method: 'GET', path: '/api/roles' }),
  'GET /api/roles/{id}': async () => ({ method: 'GET', path: `/api/roles/${TASK_ROLE}` }),
  'GET /api/roles/{id}/job-description': async () => ({
    method: 'GET',
    path: `/api/roles/${TASK_ROLE}/job-description?format=md`,
  }),
  'PUT /api/roles/{id}/job-text': async (w) => {
    const { textRevision } = await w.ok('designer', 'GET', `/api/roles/${TASK_ROLE}`);
    return {
      method: 'PUT',
      path: `/api/roles/${TASK_ROLE}/job-text`,
      body: {
        reportsTo: w.unique('Nurse manager'),
        skills: '',
        languages: '',
        hours: '',
        revision: textRevision,
      },
    };
  },
  'POST /api/roles/{id}/approve': async (w) => {
    // A fresh text each time, so every cell has something new to sign off.
    const { textRevision } = await w.ok('designer', 'GET', `/api/roles/${SORTER}`);
    const saved = await w.ok('designer', 'PUT', `/api/roles/${SORTER}/job-text`, {
      reportsTo: w.unique('Nurse manager'),
      skills: '',
      languages: '',
      hours: '',
      revision: textRevision,
    });
    return { method: 'POST', path: `/api/roles/${SORTER}/approve`, body: { fingerprint: saved.fingerprint } };
  },
  'GET /api/refreshers/mine': async () => ({ method: 'GET', path: '/api/refreshers/mine' }),
  'POST /api/refreshers/acknowledge': async (w) => ({
    method: 'POST',
    path: '/api/refreshers/acknowledge',
    body: { definitionId: await changedForNurses(w), version: 2, role: TASK_ROLE },
  }),
  'GET /api/refreshers': async () => ({ method: 'GET', path: '/api/refreshers' }),
  'GET /api/refresher-schedules': async () => ({ method: 'GET', path: '/api/refresher-schedules' }),
  'POST /api/refresher-schedules': async () => ({
    method: 'POST',
    path: '/api/refresher-schedules',
    body: { role: TASK_ROLE, everyDays: 90 },
  }),
  'DELETE /api/refresher-schedules/{id}': async (w) => {
    const { schedule } = await w.ok('designer', 'POST', '/api/refresher-schedules', {
      definitionId: TRIAGE,
      everyDays: 30,
    });
    return { method: 'DELETE', path: `/api/refresher-schedules/${schedule.id}` };
  },
  'GET /api/handbook/{id}/{v}': async () => ({ method: 'GET', path: `/api/handbook/${TRIAGE}/1?format=svg` }),
  // Everyone's sheet per role: what only leads and auditors may read (each person's own is tested in tracking.test.ts).
  'GET /api/tracking/sheet': async () => ({
    method: 'GET',
    path: '/api/tracking/sheet?from=2026-03-01&to=2026-03-31&view=role',
  }),
  'GET /api/tracking/entries': async (w) => ({
    method: 'GET',
    path: `/api/tracking/entries?from=2026-03-01&to=2026-03-31&person=${w.userId('staffRole')}`,
  }),
  'POST /api/tracking/entries': async (w) => ({
    method: 'POST',
    path: '/api/tracking/entries',
    body: {
      kind: 'support',
      day: '2026-03-02',
      fields: { contactType: 'lockout', count: 3, escalatedToIt: 1 },
      userId: w.userId('staffRole'),
    },
  }),
  'PATCH /api/tracking/entries/{id}': async (w) => ({
    method: 'PATCH',
    path: `/api/tracking/entries/${(await trackingEntry(w)).id}`,
    body: { revision: 1, fields: { shift: 'morning', site: 'Main clinic', hours: 5 } },
  }),
  'DELETE /api/tracking/entries/{id}': async (w) => ({
    method: 'DELETE',
    path: `/api/tracking/entries/${(await trackingEntry(w)).id}?revision=1`,
  }),
  'GET /api/tracking/entries/{id}/changes': async (w) => ({
    method: 'GET',
    path: `/api/tracking/entries/${(await trackingEntry(w)).id}/changes`,
  }),
  'POST /api/intake/keys': async () => ({
    method: 'POST',
    path: '/api/intake/keys',
    body: { workflowId: INTAKE_WORKFLOW },
  }),
  'GET /api/intake/keys': async () => ({ method: 'GET', path: '/api/intake/keys' }),
  'DELETE /api/intake/keys/{id}': async (w) => ({
    method: 'DELETE',
    path: `/api/intake/keys/${(await intakeKey(w)).id}`,
  }),
  // Signed with a key an admin made; whoever else the caller is does not matter.
  'POST /api/intake/{workflowId}': async (w) => {
    const body = {
      patient: { chartNumber: 'DEMO-9001' },
      medication: { name: 'Atorvastatin 20 mg' },
    };
    const id = `msg_${crypto.randomUUID()}`;
    const at = new Date(w.t.clock.now());
    return {
      method: 'POST',
      path: `/api/intake/${INTAKE_WORKFLOW}`,
      body,
      as: {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook((await intakeKey(w)).secret).sign(id, at, JSON.stringify(body)),
      },
    };
  },
  'GET /fhir/metadata': async () => ({ method: 'GET', path: '/fhir/metadata' }),
  'POST /fhir/Communication': async (w) => {
    const body = {
      resourceType: 'Communication',
      status: 'completed',
      category: [
        {
          coding: [
            { system: 'https://clinic.example/fhir/CodeSystem/communication-kind', code: 'portal-message' },
          ],
        },
      ],
      subject: { reference: 'Patient/DEMO-9003' },
      payload: [{ contentString: 'Question about my results' }],
    };
    const id = `msg_${crypto.randomUUID()}`;
    const at = new Date(w.t.clock.now());
    const key = await w.send('admin', {
      method: 'POST',
      path: '/api/intake/keys',
      body: { workflowId: TRIAGE },
    });
    return {
      method: 'POST',
      path: '/fhir/Communication',
      body,
      as: {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(key.body.secret).sign(id, at, JSON.stringify(body)),
      },
    };
  },
  'GET /fhir/Task/{id}': async (w, who) => ({
    method: 'GET',
    path: `/fhir/Task/${(await taskFor(w, who)).taskId.replace(':', '.')}`,
  }),
  'GET /api/public/help/{clinic}': async (w) => ({
    method: 'GET',
    path: `/api/public/help/${await helpClinic(w)}`,
  }),
  'GET /api/public/help/{clinic}/search': async (w) => ({
    method: 'GET',
    path: `/api/public/help/${await helpClinic(w)}/search?q=password`,
  }),
  'GET /api/public/help/{clinic}/hours': async (w) => ({
    method: 'GET',
    path: `/api/public/help/${await helpClinic(w)}/hours`,
  }),
  'GET /api/help/clinics': async () => ({ method: 'GET', path: '/api/help/clinics' }),
  'PUT /api/help/clinics/{slug}': async (w) => ({
    method: 'PUT',
    path: `/api/help/clinics/${w.unique('clinic')}`,
    body: { name: 'Northside Clinic' },
  }),
  'GET /api/help/entries': async (w) => ({
    method: 'GET',
    path: `/api/help/entries?clinic=${await helpClinic(w)}&q=reset`,
  }),
  'POST /api/help/entries': async (w) => ({
    method: 'POST',
    path: '/api/help/entries',
    body: { ...HELP_CONTENT, clinic: await helpClinic(w) },
  }),
  'GET /api/help/entries/{id}': async (w) => ({
    method: 'GET',
    path: `/api/help/entries/${(await helpEntry(w, 'published')).id}`,
  }),
  'PUT /api/help/entries/{id}': async (w) => ({
    method: 'PUT',
    path: `/api/help/entries/${(await helpEntry(w, 'draft')).id}`,
    body: { revision: 1, title: 'Resetting your portal password' },
  }),
  'POST /api/help/entries/{id}/publish': async (w) => ({
    method: 'POST',
    path: `/api/help/entries/${(await helpEntry(w, 'draft')).id}/publish`,
    body: { revision: 1 },
  }),
  'POST /api/help/entries/{id}/unpublish': async (w) => ({
    method: 'POST',
    path: `/api/help/entries/${(await helpEntry(w, 'published')).id}/unpublish`,
    body: { revision: 1 },
  }),
  'DELETE /api/help/entries/{id}': async (w) => ({
    method: 'DELETE',
    path: `/api/help/entries/${(await helpEntry(w, 'draft')).id}?revision=1`,
  }),
  'GET /api/public/help/{clinic}/videos/{id}/{sha256}': async (w) => {
    const e = await helpVideoEntry(w);
    return { method: 'GET', path: `/api/public/help/${e.clinic}/videos/${e.id}/${e.video!.sha256}` };
  },
  'GET /api/public/help/{clinic}/videos/{id}/captions/{language}': async (w) => {
    const e = await helpVideoEntry(w);
    return { method: 'GET', path: `/api/public/help/${e.clinic}/videos/${e.id}/captions/en` };
  },
  'POST /api/help/entries/{id}/video': async (w) => ({
    method: 'POST',
    path: `/api/help/entries/${(await helpEntry(w, 'draft')).id}/video`,
    form: () => {
      const f = new FormData();
      f.append('revision', '1');
      f.append('video', new Blob([MATRIX_VIDEO]));
      f.append('captions-en', new Blob([MATRIX_CAPTIONS]));
      return f;
    },
  }),
  'DELETE /api/help/entries/{id}/video': async (w) => ({
    method: 'DELETE',
    path: `/api/help/entries/${(await helpVideoEntry(w)).id}/video?revision=1`,
  }),
  'GET /api/help/entries/{id}/video/{sha256}': async (w) => {
    const e = await helpVideoEntry(w);
    return { method: 'GET', path: `/api/help/entries/${e.id}/video/${e.video!.sha256}` };
  },
  'GET /api/help/entries/{id}/captions/{language}': async (w) => ({
    method: 'GET',
    path: `/api/help/entries/${(await helpVideoEntry(w)).id}/captions/en`,
  }),
  'GET /api/help/entries/{id}/changes': async (w) => ({
    method: 'GET',
    path: `/api/help/entries/${(await helpEntry(w, 'published')).id}/changes`,
  }),
  'POST /api/migrations': async (w) => {
    const planId = await w.freshPlan();
    const plan = (await w.t.store.getMigrationPlan(planId))!;
    return {
      method: 'POST',
      path: '/api/migrations',
      body: { definitionId: plan.definitionId, fromVersion: 2, toVersion: 1 },
    };
  },
  'GET /api/migrations': async (w) => {
    const plan = (await w.t.store.getMigrationPlan(await w.freshPlan()))!;
    return { method: 'GET', path: `/api/migrations?definitionId=${plan.definitionId}` };
  },
  'GET /api/migrations/{id}': async (w) => ({
    method: 'GET',
    path: `/api/migrations/${await w.freshPlan()}`,
  }),
  'PUT /api/migrations/{id}': async (w) => ({
    method: 'PUT',
    path: `/api/migrations/${await w.freshPlan()}`,
    body: { mapping: { 'nurse-review': null }, revision: 1 },
  }),
  'POST /api/migrations/{id}/dry-run': async (w) => ({
    method: 'POST',
    path: `/api/migrations/${await w.freshPlan()}/dry-run`,
  }),
  'POST /api/migrations/{id}/apply': async (w) => ({
    method: 'POST',
    path: `/api/migrations/${await w.freshPlan()}/apply`,
  }),
  'GET /api/migrations/{id}/runs/{runId}': async (w) => {
    const { planId, runId } = await w.freshRun();
    return { method: 'GET', path: `/api/migrations/${planId}/runs/${runId}` };
  },
  'POST /api/migrations/{id}/runs/{runId}/stop': async (w) => {
    const { planId, runId } = await w.freshRun();
    return { method: 'POST', path: `/api/migrations/${planId}/runs/${runId}/stop` };
  },
  'POST /api/emergency-access': async () => ({
    method: 'POST',
    path: '/api/emergency-access',
    body: { reason: 'Patient arrived unconscious; on-call cover', minutes: 30 },
  }),
  'GET /api/emergency-access': async () => ({ method: 'GET', path: '/api/emergency-access' }),
  'POST /api/emergency-access/{id}/end': async () => ({
    method: 'POST',
    path: '/api/emergency-access/00000000-0000-4000-8000-000000000000/end',
  }),
  'GET /api/email-preferences': async () => ({ method: 'GET', path: '/api/email-preferences' }),
  'PUT /api/email-preferences': async () => ({
    method: 'PUT',
    path: '/api/email-preferences',
    body: {
      address: 'someone@clinic.example',
      assigned: true,
      escalated: true,
      overdue: false,
      digest: true,
      quietStart: '22:00',
      quietEnd: '06:00',
    },
  }),
  'GET /api/webhooks': async () => ({ method: 'GET', path: '/api/webhooks' }),
  'POST /api/webhooks': async () => ({
    method: 'POST',
    path: '/api/webhooks',
    body: { url: 'https://ehr.example/hooks', events: ['task.opened'] },
  }),
  'DELETE /api/webhooks/{id}': async (w) => ({
    method: 'DELETE',
    path: `/api/webhooks/${(await freshSubscription(w)).id}`,
  }),
  'POST /api/webhooks/{id}/rotate': async (w) => ({
    method: 'POST',
    path: `/api/webhooks/${(await freshSubscription(w)).id}/rotate`,
  }),
  'POST /api/webhooks/{id}/rotation/finish': async (w) => ({
    method: 'POST',
    path: `/api/webhooks/${(await freshSubscription(w)).id}/rotation/finish`,
  }),
  'POST /api/webhooks/{id}/test': async (w) => ({
    method: 'POST',
    path: `/api/webhooks/${(await freshSubscription(w)).id}/test`,
  }),
  'GET /api/outbox': async () => ({ method: 'GET', path: '/api/outbox' }),
  'POST /api/outbox/test-email': async () => ({
    method: 'POST',
    path: '/api/outbox/test-email',
    body: { to: 'it@clinic.example' },
  }),
  'POST /api/outbox/{id}/resend': async (w) => ({
    method: 'POST',
    path: `/api/outbox/${encodeURIComponent(await deadDelivery(w))}/resend`,
  }),
};

/** A webhook subscription made straight in the store. */
const freshSubscription = (w: MatrixWorld) =>
  w.t.store.createWebhookSubscription({
    url: 'https://ehr.example/hooks',
    events: ['*'],
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    createdBy: null,
    createdAt: w.t.clock.now(),
  });

/** A webhook delivery that failed for good (dead-lettered), made straight in the store. */
async function deadDelivery(w: MatrixWorld): Promise<string> {
  const sub = await freshSubscription(w);
  const id = `matrix.${sub.id}`;
  const now = w.t.clock.now();
  await w.t.store.addOutbox(
    [{ id, channel: 'webhook', kind: 'task.opened', target: sub.id, payload: {}, createdAt: now }],
    now,
  );
  const [leased] = (
    await w.t.store.claimOutbox({ now, owner: 'matrix', leaseMs: 60_000, limit: 500 })
  ).filter((item) => item.id === id);
  await w.t.store.settleOutbox(leased!.id, 'matrix', { status: 'dead', error: 'HTTP 500' }, true);
  return id;
}

/** A fresh manual tracking entry (a shift) owned by the `staffRole` caller. */
const trackingEntry = (w: MatrixWorld) =>
  w.t.store.createTrackingEntry({
    userId: w.userId('staffRole'),
    kind: 'shift',
    day: '2026-03-02',
    fields: { shift: 'morning', site: 'Main clinic', hours: 4 },
    actor: w.userId('staffRole'),
  });

const HELP_CONTENT = {
  kind: 'faq',
  audience: 'patients',
  category: 'Signing in',
  title: 'How do I reset my password?',
  body: 'Choose **Forgot password** on the sign-in page.',
};

const INTAKE_WORKFLOW = 'prescription-refill';

/** A fresh intake key of the refill workflow, made by the admin through the API. */
async function intakeKey(w: MatrixWorld): Promise<{ id: string; secret: string }> {
  const res = await w.send('admin', {
    method: 'POST',
    path: '/api/intake/keys',
    body: { workflowId: INTAKE_WORKFLOW },
  });
  if (res.status !== 201) throw new Error(`intake key: ${res.status} ${res.text}`);
  return { id: res.body.id, secret: res.body.secret };
}

/** The clinic whose help the cells read, made once through the store. */
async function helpClinic(w: MatrixWorld): Promise<string> {
  if (!(await w.t.store.getHelpClinic('matrix-clinic')))
    await w.t.store.putHelpClinic({ slug: 'matrix-clinic', name: 'Matrix Clinic' });
  return 'matrix-clinic';
}

/** A fresh entry for one cell, at revision 1. */
async function helpEntry(w: MatrixWorld, status: 'draft' | 'published') {
  const entry = await w.t.store.createHelpEntry({
    ...(HELP_CONTENT as { kind: 'faq'; audience: 'patients'; category: string; title: string; body: string }),
    clinic: await helpClinic(w),
    language: 'en',
    tags: ['password'],
    videoUrl: null,
    status,
    userId: null,
  });
  return entry!;
}

/** A WebM signature and a few bytes: what the upload checks look at. */
const MATRIX_VIDEO = new Uint8Array([
  0x1a,
  0x45,
  0xdf,
  0xa3,
  0x9f,
  0x42,
  0x82,
  0x84,
  ...Buffer.from('webm'),
  1,
  2,
  3,
  4,
]);
const MATRIX_CAPTIONS = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nChoose Forgot password.\n';

/** A fresh published patient entry with a video (its file in the media directory), at revision 1. */
async function helpVideoEntry(w: MatrixWorld) {
  const { sha256 } = await storeVideo(w.t.deps.config.mediaDir, MATRIX_VIDEO);
  const entry = await w.t.store.createHelpEntry({
    ...(HELP_CONTENT as { kind: 'faq'; audience: 'patients'; category: string; title: string; body: string }),
    clinic: await helpClinic(w),
    language: 'en',
    tags: [],
    videoUrl: null,
    video: {
      sha256,
      type: 'video/webm',
      bytes: MATRIX_VIDEO.length,
      captions: [{ language: 'en', vtt: MATRIX_CAPTIONS }],
    },
    status: 'published',
    userId: null,
  });
  return entry!;
}

/** The routes the app documents — and so serves: openapi.test.ts checks the two agree. */
const DOCUMENTED = documentedRoutes().map(routeKey);

const classify = (status: number): Expected | number => (status >= 200 && status < 300 ? 'allow' : status);

/** Route × caller → what happened, for the table printed when anything differs. */
const actual = new Map<string, Partial<Record<Who, { got: Expected | number; detail: string }>>>();

function table(): string {
  const width = Math.max(...DOCUMENTED.map((k) => k.length));
  const head = `${'route'.padEnd(width)} | ${WHO.map((w) => w.padEnd(12)).join(' | ')}`;
  const lines = DOCUMENTED.map((key) => {
    const row = actual.get(key) ?? {};
    const cells = WHO.map((who) => {
      const cell = row[who];
      const want = EXPECTED[key]?.[who];
      if (!cell) return '-'.padEnd(12);
      const text = String(cell.got);
      return (cell.got === want ? text : `${text}≠${want ?? '?'}`).padEnd(12);
    });
    return `${key.padEnd(width)} | ${cells.join(' | ')}`;
  });
  return [head, '-'.repeat(head.length), ...lines].join('\n');
}

let w: MatrixWorld;
beforeAll(async () => {
  w = await setupMatrix();
}, 60_000);
afterAll(async () => {
  const failed = [...actual.entries()].some(([key, row]) =>
    WHO.some((who) => row[who] && row[who]!.got !== EXPECTED[key]?.[who]),
  );
  if (failed || process.env.PRINT_MATRIX) console.log(`authorization matrix:\n${table()}`);
  await w?.close();
});

describe('authorization matrix', () => {
  it('has an expected row and a request for every route the app documents, and nothing else', () => {
    expect(DOCUMENTED.length).toBeGreaterThan(30);
    expect(
      DOCUMENTED.filter((k) => !EXPECTED[k]),
      'routes without an expected row',
    ).toEqual([]);
    expect(
      DOCUMENTED.filter((k) => !REQUESTS[k]),
      'routes without a request',
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((k) => !DOCUMENTED.includes(k)),
      'stale rows',
    ).toEqual([]);
    expect(
      Object.keys(REQUESTS).filter((k) => !DOCUMENTED.includes(k)),
      'stale requests',
    ).toEqual([]);
  });

  it.each(DOCUMENTED)(
    '%s',
    async (key) => {
      const build = REQUESTS[key];
      const want = EXPECTED[key];
      expect(build && want, `no row for ${key}`).toBeTruthy();
      const row: Partial<Record<Who, { got: Expected | number; detail: string }>> = {};
      actual.set(key, row);
      for (const who of WHO) {
        const req = await build!(w, who);
        const res = await w.send(who, req);
        row[who] = { got: classify(res.status), detail: res.text.slice(0, 200) };
      }
      const wrong = WHO.filter((who) => row[who]!.got !== want![who]).map(
        (who) => `${who}: got ${row[who]!.got}, expected ${want![who]} — ${row[who]!.detail}`,
      );
      expect(wrong, key).toEqual([]);
    },
    30_000,
  );

  it('claims by the task owner are exclusive: the colleague who lost gets 409 with the task untouched', async () => {
    const { taskId } = await w.nurseTask(PEER);
    const res = await w.send('staffClaimed', { method: 'POST', path: `/api/tasks/${taskId}/claim` });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_CLAIMED');
    expect((await w.t.store.getTask(taskId))!.assignee).toBe(w.userId(PEER));
  });

  it('a role elsewhere in the workflow does not open every instance of it (object-level)', async () => {
    // The provider owns later steps of the triage workflow, but has no task in this instance yet.
    await w.t.addUser('provider-1', ['provider']);
    const { instanceId } = await w.awaitingPatient();
    const revision = (await w.t.store.getInstance(instanceId))!.revision;
    for (const [method, path, body] of [
      ['GET', `/api/instances/${instanceId}`, undefined],
      ['GET', `/api/instances/${instanceId}/history`, undefined],
      ['POST', `/api/instances/${instanceId}/signal`, { name: 'patient-replied' }],
      ['POST', `/api/instances/${instanceId}/cancel`, {}],
    ] as const) {
      const res = await w.send('provider-1', { method, path, body });
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(403);
      expect(res.text).not.toContain(PATIENT.name);
    }
    expect((await w.t.store.getInstance(instanceId))!.revision).toBe(revision);
  });

  it('marks as read only notifications addressed to the caller or their roles', async () => {
    for (const who of ['staffRole', 'staffClaimed', 'staffOther', 'auditor', 'designer'] as const) {
      const id = await w.notificationForNurses();
      const res = await w.send(who, { method: 'POST', path: '/api/notifications/read', body: { ids: [id] } });
      expect(res.status, who).toBe(200);
      expect(res.body.marked, who).toBe(who === 'staffRole' || who === 'staffClaimed' ? 1 : 0);
    }
  });
});

describe('field-level protection (no mass assignment)', () => {
  /** The first caller the matrix expects to be allowed, and the request that caller makes. */
  async function allowedRequest(key: string): Promise<{ who: Who; req: Req }> {
    // The first caller allowed; else one the route lets through to its state checks (body validated first).
    const row = EXPECTED[key]!;
    const who =
      WHO.find((u) => row[u] === 'allow') ??
      WHO.find((u) => u !== 'anonymous' && row[u] !== 401 && row[u] !== 403) ??
      WHO.find((u) => u !== 'anonymous')!;
    return { who, req: await REQUESTS[key]!(w, who) };
  }
  const withBody = documentedRoutes()
    .filter((r) => r.body)
    .map(routeKey);

  it('documents a body for the routes that take one', () => {
    expect(withBody.length).toBeGreaterThan(10);
  });

  it.each(withBody)('%s rejects an unknown field with 400 and changes nothing', async (key) => {
    const { who, req } = await allowedRequest(key);
    const before = await w.t.store.listAccess({ limit: 1000 });
    const res = await w.send(who, {
      ...req,
      body: { ...((req.body as object | undefined) ?? {}), isAdmin: true },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    // A rejected body reaches no handler logic: nothing was recorded as done.
    const after = await w.t.store.listAccess({ limit: 1000 });
    expect(after.items.filter((r) => r.outcome === 'allow').length).toBe(
      before.items.filter((r) => r.outcome === 'allow').length,
    );
  });

  it.each(['assignee', 'role', 'actor', 'roles'])(
    'a staff member cannot set `%s` through complete',
    async (field) => {
      const { taskId } = await w.nurseTask();
      const res = await w.send('staffRole', {
        method: 'POST',
        path: `/api/tasks/${taskId}/complete`,
        body: { outcome: 'answered', [field]: field === 'roles' ? ['admin'] : w.userId('staffRole') },
      });
      expect(res.status).toBe(400);
      const task = (await w.t.store.getTask(taskId))!;
      expect(task).toMatchObject({ status: 'open', role: TASK_ROLE, assignee: null });
    },
  );

  it('a staff member cannot move a task to another role or person through claim, release or comments', async () => {
    const { taskId } = await w.nurseTask('staffRole');
    for (const action of ['release', 'comments'] as const) {
      const res = await w.send('staffRole', {
        method: 'POST',
        path: `/api/tasks/${taskId}/${action}`,
        body: { body: 'x', role: OTHER_ROLE, assignee: w.userId('staffOther') },
      });
      // Release takes a note and nothing else: a role or person beside it is refused, the task unmoved.
      expect(res.status, action).toBe(400);
    }
    const task = (await w.t.store.getTask(taskId))!;
    expect(task.role).toBe(TASK_ROLE);
    expect(task.assignee).toBe(w.userId('staffRole')); // still theirs, not handed to the other user
  });

  it('nobody can give themselves roles through any route', async () => {
    const routes = documentedRoutes();
    for (const who of ['designer', 'auditor', 'staffRole', 'staffOther'] as const) {
      const id = w.userId(who);
      const rolesBefore = (await w.t.store.getUser(id))!.roles;
      // The account routes that take roles: refused to everyone but admins.
      const patch = await w.send(who, {
        method: 'PATCH',
        path: `/api/users/${id}`,
        body: { roles: ['admin', ...rolesBefore] },
      });
      expect(patch.status, `${who} PATCH self`).toBe(403);
      const create = await w.send(who, {
        method: 'POST',
        path: '/api/users',
        body: { username: w.unique('sock-puppet'), password: 'a long enough password', roles: ['admin'] },
      });
      expect(create.status, `${who} POST /api/users`).toBe(403);
      // Every other route with a body: roles smuggled in beside a valid body are refused.
      for (const doc of routes) {
        const key = routeKey(doc);
        if (!doc.body || key === 'PATCH /api/users/{id}' || key === 'POST /api/users') continue;
        const req = await REQUESTS[key]!(w, who);
        const res = await w.send(who, {
          ...req,
          body: { ...((req.body as object | undefined) ?? {}), roles: ['admin'], role: 'admin' },
        });
        expect([400, 401, 403], `${who} ${key}: ${res.text}`).toContain(res.status);
      }
      expect((await w.t.store.getUser(id))!.roles, who).toEqual(rolesBefore);
      const me = await w.send(who, { method: 'GET', path: '/api/me' });
      expect(me.body.user.roles, who).toEqual(rolesBefore);
    }
  }, 60_000);

  it('an admin changing roles uses only the documented fields; ids and usernames are not assignable', async () => {
    const target = await w.freshUser(['front-desk']);
    for (const extra of [{ id: 'u-evil' }, { username: 'root' }, { createdAt: '2000-01-01T00:00:00Z' }]) {
      const res = await w.send('admin', {
        method: 'PATCH',
        path: `/api/users/${target.id}`,
        body: { displayName: 'x', ...extra },
      });
      expect(res.status).toBe(400);
    }
    const after = (await w.t.store.getUser(target.id))!;
    expect(after).toMatchObject({
      id: target.id,
      username: target.username,
      displayName: target.displayName,
    });
  });
});
