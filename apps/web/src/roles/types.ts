/** Shapes of /api/roles and /api/refreshers: the contract's, re-exported for this folder. */
export type {
  ApprovalState,
  ChangeRefresher,
  Holder,
  MyRefreshers,
  PeriodicRefresher,
  RefresherComparison,
  RefresherOverview,
  RefresherProgress,
  RoleDetail,
  RoleRefresherStatus,
  RoleSummary,
} from '@portalflow/contract';
export type { ChangeItem, RoleChange } from '@portalflow/engine';
