/** Shapes of the help API: the contract's, re-exported for this folder. */
export type {
  HelpAudience,
  HelpClinic,
  HelpContent,
  HelpEntry,
  HelpEntryChange,
  HelpKind,
  HelpStatus,
  HelpVideoRecord,
  PublicClinicHours,
  PublicHelpEntry,
  PublicHelpSite,
  PublicHelpVideo,
} from '@portalflow/contract';
export type { Range } from '@portalflow/engine/text';

/** Who may write help: mirrors the server (admins, designers and the portal support role). */
export const HELP_SUPPORT_ROLE = 'portal-enrollment-specialist';
export const canWriteHelp = (roles: string[]) =>
  roles.includes('admin') || roles.includes('designer') || roles.includes(HELP_SUPPORT_ROLE);
export const canReadHelpHistory = (roles: string[]) => canWriteHelp(roles) || roles.includes('auditor');
