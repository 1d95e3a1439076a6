import { systemRoleTitle } from '@portalflow/contract';
import { type Definition, idToWords } from '@portalflow/engine';

/**
 * Role titles for an export: the workflow version's name for its role, else the product's, else the
 * id in words; comma-joined roles (an action in several) each by title. Auditors read titles, not ids.
 */
export function roleTitlesIn(definition: Pick<Definition, 'roles'>): (ids: string | null) => string {
  const title = (id: string) =>
    definition.roles.find((r) => r.id === id)?.name ?? systemRoleTitle(id) ?? idToWords(id);
  return (ids) => (ids ?? '').split(',').filter(Boolean).map(title).join(', ');
}
