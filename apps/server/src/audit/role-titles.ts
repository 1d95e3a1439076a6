import { type Definition, idToWords } from '@portalflow/engine';
import { SystemRole } from '../auth/roles.ts';

/** The product's own roles as the screens call them (the Operations lead's id is `designer`). */
const SYSTEM_TITLES: Record<string, string> = {
  [SystemRole.admin]: 'Admin',
  [SystemRole.designer]: 'Operations lead',
  [SystemRole.auditor]: 'Auditor',
  [SystemRole.breakGlass]: 'Emergency access',
};

/**
 * Role titles for an export: the workflow version's name for its role, else the product's, else the
 * id in words; comma-joined roles (an action in several) each by title. Auditors read titles, not ids.
 */
export function roleTitlesIn(definition: Pick<Definition, 'roles'>): (ids: string | null) => string {
  const title = (id: string) =>
    definition.roles.find((r) => r.id === id)?.name ?? SYSTEM_TITLES[id] ?? idToWords(id);
  return (ids) => (ids ?? '').split(',').filter(Boolean).map(title).join(', ');
}
