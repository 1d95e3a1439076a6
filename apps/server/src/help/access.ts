import { type AuthUser, isAuditor, isLead } from '../auth/roles.ts';
import { ApiError } from '../http/errors.ts';

/**
 * Who writes help: admins and designers (operations leads), and the clinic's portal support role —
 * the enrollment specialist, whose job description includes keeping the portal FAQs and short videos
 * current. Everyone signed in reads published entries; writers also see drafts.
 */
export const HELP_SUPPORT_ROLE = 'portal-enrollment-specialist';

export const canWriteHelp = (user: AuthUser) => isLead(user) || user.roles.includes(HELP_SUPPORT_ROLE);

/** The edit history is for writers and for auditors. */
export const canReadHelpHistory = (user: AuthUser) => canWriteHelp(user) || isAuditor(user);

export function requireHelpWriter(user: AuthUser): void {
  if (!canWriteHelp(user))
    throw new ApiError(
      403,
      'FORBIDDEN',
      `Only admins, designers and the ${HELP_SUPPORT_ROLE} role write help entries`,
    );
}
