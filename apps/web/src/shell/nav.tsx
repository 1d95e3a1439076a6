import {
  BookOpen,
  CalendarClock,
  ChartColumn,
  CircleUser,
  ClipboardList,
  DatabaseBackup,
  FileSearch,
  FlaskConical,
  GraduationCap,
  IdCard,
  KeyRound,
  LifeBuoy,
  Mail,
  UserCog,
  Users,
  Webhook,
  Workflow,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { clinicRoles, isAuditor, isLead } from '../auth/useMe.ts';

export interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

/** A headed group of menu entries; the first group (the day's work) has no heading. */
export interface NavSection {
  heading?: string;
  items: NavItem[];
}

const icon = (Icon: typeof Users) => <Icon size={18} aria-hidden />;

/**
 * Where each kind of user works, grouped so an admin's sixteen entries read as five short lists: the
 * day's work, the clinic's workflows and guidance, oversight, administration, and their own settings.
 * The menu shows only what their roles allow; an empty group is left out.
 */
export function navSections(roles: string[], emergency = false): NavSection[] {
  const staff = clinicRoles(roles).length > 0;
  const lead = isLead(roles);
  const auditor = isAuditor(roles);
  const admin = roles.includes('admin');
  const when = (ok: boolean, item: NavItem): NavItem[] => (ok ? [item] : []);
  const sections: NavSection[] = [
    {
      items: [
        ...when(staff, { to: '/work', label: 'My work', icon: icon(ClipboardList) }),
        ...when(staff, { to: '/practice', label: 'Practice', icon: icon(FlaskConical) }),
        ...when(lead, { to: '/team', label: 'Team', icon: icon(Users) }),
      ],
    },
    {
      heading: 'Clinic',
      items: [
        ...when(lead, { to: '/workflows', label: 'Workflows', icon: icon(Workflow) }),
        { to: '/roles', label: 'Roles', icon: icon(IdCard) },
        { to: '/handbook', label: 'Handbook', icon: icon(BookOpen) },
        { to: '/faq', label: 'Help & FAQ', icon: icon(LifeBuoy) },
        ...when(lead || auditor, { to: '/refreshers', label: 'Training', icon: icon(GraduationCap) }),
        ...when(lead || auditor, { to: '/clinic-hours', label: 'Clinic hours', icon: icon(CalendarClock) }),
        ...when(lead, { to: '/intake', label: 'Intake keys', icon: icon(Webhook) }),
      ],
    },
    {
      heading: 'Oversight',
      items: [
        { to: '/tracking', label: 'Tracking', icon: icon(ChartColumn) },
        // Break-glass access reads instances through the audit view.
        ...when(auditor || emergency, { to: '/audit', label: 'Audit', icon: icon(FileSearch) }),
      ],
    },
    {
      heading: 'Administration',
      items: [
        ...when(admin, { to: '/accounts', label: 'Accounts', icon: icon(UserCog) }),
        ...when(admin, { to: '/webhooks', label: 'Webhooks', icon: icon(Webhook) }),
        ...when(admin, { to: '/backups', label: 'Backups', icon: icon(DatabaseBackup) }),
      ],
    },
    {
      heading: 'Your settings',
      items: [
        { to: '/profile/account', label: 'Your account', icon: icon(CircleUser) },
        { to: '/profile/email', label: 'Email', icon: icon(Mail) },
        { to: '/tokens', label: 'API tokens', icon: icon(KeyRound) },
      ],
    },
  ];
  return sections.filter((s) => s.items.length > 0);
}
