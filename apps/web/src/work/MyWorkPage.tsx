import { Button, Drawer, Group } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { getInstance } from '@portalflow/contract';
import { UserX } from 'lucide-react';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { call } from '../api/call.ts';
import type { InstanceView, Me, Task } from '../api/types.ts';
import { clinicRoles, isLead } from '../auth/useMe.ts';
import { LeavePracticeButton, PracticeBanner } from '../practice/PracticeBanner.tsx';
import { PracticeWaits } from '../practice/PracticeWaits.tsx';
import { nextStepOfOwnRun, playedRoles } from '../practice/playedRoles.ts';
import { EmptyState } from '../shell/EmptyState.tsx';
import { notifications } from '../shell/notifications.ts';
import { FolderNav } from './FolderNav.tsx';
import { NewRequestButton, useStartable } from './NewRequest.tsx';
import { QueueFilterBar } from './QueueFilterBar.tsx';
import {
  applyFilters,
  buildFolders,
  type FolderId,
  folderOf,
  folderParam,
  hasFilters,
  moveCursor,
  NO_FILTERS,
  nextAfter,
  type QueueFilters,
  tasksInFolder,
} from './queue.ts';
import { queueNow } from './queueNow.ts';
import { RefresherCard } from './RefresherCard.tsx';
import { RequestStatusButton } from './RequestStatus.tsx';
import { type RequestOf, requestLabel, requestNumber } from './requestLabel.ts';
import { StartedNotices } from './StartedNotices.tsx';
import { TaskList } from './TaskList.tsx';
import { TaskPanel } from './TaskPanel.tsx';
import { useDefinitionTitles } from './useDefinitionTitles.ts';
import { useFocusKeptInList } from './useFocusKeptInList.ts';
import { useNow } from './useNow.ts';
import { usePeople } from './usePeople.ts';
import { useQueueHotkeys } from './useQueueHotkeys.ts';
import { useRoleName } from './useRoleName.ts';
import { useTaskActions } from './useTaskActions.ts';
import { useTaskDetail } from './useTaskDetail.ts';
import { useWorkQueues } from './useWorkQueues.ts';
import classes from './work.module.css';

/** What another view (the notification bell) may pass in router state: a task id, never patient data. */
export interface WorkLocationState {
  openTaskId?: string;
}

/**
 * The claimed task's first field (its heading when it asks for nothing), once its panel shows it as
 * mine: the claim button went with the claim, and the focus would fall to the page. The fields open
 * once the task's draft has been read: until then the heading holds the focus, and it moves on to
 * the first field when that opens, unless the person has gone elsewhere meanwhile. The note box below
 * the fields is open all along: it is not the step's field, and taking it scrolled past the fields.
 */
const FIELD_WAIT_FRAMES = 180;
const STEP_FIELD = ':is(input:not([type="hidden"]), textarea, select):not([data-testid="note-box"] *)';
const focusClaimed = (id: string) => {
  const heading = () => document.getElementById('task-panel-title');
  // After the first frame, the focus moves on only from where this put it (or from nowhere).
  const untouched = () => {
    const at = document.activeElement;
    return at === null || at === document.body || at === heading();
  };
  const tryFrame = (left: number, first: boolean) =>
    requestAnimationFrame(() => {
      const panel = document.querySelector(`[data-testid="task-panel"][data-task-id="${CSS.escape(id)}"]`);
      const form = panel?.querySelector('[data-testid="task-form"]');
      const field = form?.querySelector<HTMLElement>(`${STEP_FIELD}:not([disabled])`);
      if (field) {
        if (first || untouched()) field.focus();
        return;
      }
      if (first || untouched()) heading()?.focus();
      // A form whose fields are still closed (its draft being read): looked at again next frame.
      const closed = form?.querySelector(`${STEP_FIELD}[disabled]`);
      if (closed && left > 0) tryFrame(left - 1, false);
    });
  tryFrame(FIELD_WAIT_FRAMES, true);
};

/**
 * The task just put back in the pool, once its panel shows it unassigned: its Claim button, where
 * Back to pool was (that button went, and the focus with it, to the page). Focus the person moved
 * elsewhere meanwhile stays there.
 */
const focusReleased = (id: string) =>
  requestAnimationFrame(() => {
    const panel = document.querySelector(`[data-testid="task-panel"][data-task-id="${CSS.escape(id)}"]`);
    const active = document.activeElement;
    if (active && active !== document.body && !panel?.contains(active)) return;
    (
      panel?.querySelector<HTMLElement>('[data-testid="claim-button"]') ??
      document.getElementById('task-panel-title')
    )?.focus();
  });

const focusRow = (id: string) =>
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(`[data-task-row="${CSS.escape(id)}"]`)?.focus();
  });

/**
 * After my own complete the outcome buttons are gone, and the focus with them: it goes on with the
 * work (the next task's row, or the list when none is left), not to the page, where the next Tab
 * started again at "Skip to main content". Beside the list, focus the person moved elsewhere meanwhile
 * stays there; over it (the drawer, which closes) there was nowhere else to go.
 */
const focusAfterComplete = (next: string | null, drawer: boolean) =>
  requestAnimationFrame(() => {
    const active = document.activeElement;
    const lost = !active || active === document.body || active.closest('[data-testid="task-panel"]');
    if (!lost && !drawer) return;
    const row = next && document.querySelector<HTMLElement>(`[data-task-row="${CSS.escape(next)}"]`);
    (row || document.querySelector<HTMLElement>('[data-testid="task-list"]'))?.focus();
  });

/**
 * My work: folders with counts (My tasks, a pool per clinic role, Overdue), the list by due time,
 * and the task panel. The folder and the open task are in the address (a folder's name and the task's
 * opaque id, never patient data), so a reload reopens the same task and Back and Forward step through
 * what the person opened.
 */
export function MyWorkPage({ me }: { me: Me }) {
  const roles = useMemo(() => clinicRoles(me.user.roles), [me.user.roles]);
  const wide = useMediaQuery('(min-width: 75em)', true, { getInitialValueInEffect: false });
  const tick = useNow();
  const [search, setSearch] = useSearchParams();
  // The practice view (a view name in the URL, never patient data) shows only sandbox tasks.
  const practice = search.get('view') === 'practice';
  const queues = useWorkQueues(roles.length > 0, practice);
  const now = queueNow(tick, queues.readAt);
  const { titleOf } = useDefinitionTitles();
  const { nameOf } = usePeople(me);
  const roleName = useRoleName();
  const location = useLocation();
  const navigate = useNavigate();

  // The folder (a role id or a folder's name) and the open task (its opaque id) are in the address:
  // a reload or a kept link opens the same ones; each one the person opens is a step Back returns to.
  const folderId = folderParam(search.get('folder'));
  const openId = search.get('task');
  // Answers that arrive later (a complete, a practice run's next step) read the address as it is then.
  const searchNow = useRef(search);
  searchNow.current = search;
  const show = useCallback(
    (place: { folder?: FolderId; task?: string | null }, how: 'push' | 'replace' = 'push') => {
      const p = new URLSearchParams(searchNow.current);
      if (place.folder === 'mine') p.delete('folder');
      else if (place.folder) p.set('folder', place.folder);
      if (place.task === null) p.delete('task');
      else if (place.task) p.set('task', place.task);
      const next = p.toString();
      if (next === searchNow.current.toString()) return;
      navigate({ search: next ? `?${next}` : '' }, { replace: how === 'replace' });
    },
    [navigate],
  );
  /** Another task takes the open one's place (the next after a complete): no step of its own for Back. */
  const setOpenId = useCallback((id: string | null) => show({ task: id }, 'replace'), [show]);
  const [filters, setFilters] = useState<QueueFilters>(NO_FILTERS);
  const [cursorId, setCursorId] = useState<string | null>(openId);
  const handledClosed = useRef(new Set<string>());

  // In practice, a pool for each role the person plays in their own practice runs too.
  const folderRoles = useMemo(
    () => (practice ? playedRoles(roles, queues.pool) : roles),
    [practice, roles, queues.pool],
  );
  const folders = useMemo(
    () =>
      buildFolders(folderRoles, queues.mine, queues.pool, now, roleName, queues.done).map((f) =>
        f.role && !roles.includes(f.role) ? { ...f, playedForPractice: true } : f,
      ),
    [folderRoles, roles, queues.mine, queues.pool, now, queues.done, roleName],
  );
  const folder = folders.find((f) => f.id === folderId) ?? folders[0]!;
  const inFolder = useMemo(
    () => tasksInFolder(folder.id, queues.mine, queues.pool, now, queues.done),
    [folder.id, queues.mine, queues.pool, now, queues.done],
  );
  // Finished work has no due time that matters: the due filter does not apply in Done.
  const visible = useMemo(
    () => applyFilters(inFolder, folder.id === 'done' ? { ...filters, due: 'any' } : filters, now),
    [inFolder, filters, now, folder.id],
  );
  const visibleIds = useMemo(() => visible.map((t) => t.id), [visible]);
  const lastVisibleIds = useRef(visibleIds);

  const workflowOptions = useMemo(() => {
    const ids = new Set(inFolder.map((t) => t.definitionId));
    if (filters.definitionId) ids.add(filters.definitionId);
    return [...ids]
      .map((id) => ({ value: id, label: titleOf(id) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [inFolder, filters.definitionId, titleOf]);
  const roleOptions = useMemo(
    () => [...new Set([...roles, ...inFolder.map((t) => t.role)])],
    [roles, inFolder],
  );

  /** After my own complete: continue with the one that took its place in the list. */
  const continueAfter = useCallback(
    (task: Task) => {
      handledClosed.current.add(task.id);
      const ids = lastVisibleIds.current;
      // The one that takes its place; if it had already left this list (claimed from a pool), the top one.
      const next = ids.includes(task.id) ? nextAfter(ids, task.id) : (ids[0] ?? null);
      setCursorId(next);
      if (searchNow.current.get('task') !== task.id) return;
      setOpenId(wide ? next : null);
      // Beside the list, the next task's panel takes the focus to its heading (useShowFromTop).
      if (!wide || next === null) focusAfterComplete(next, !wide);
    },
    [wide, setOpenId],
  );
  /**
   * A task someone else took or finished (seen live, or on acting): it stays open, its panel saying
   * what became of it. Another request opens only when the person picks it: opening one is reading a
   * patient's record in their name.
   */
  const stayOnGone = useCallback((task: Task) => {
    handledClosed.current.add(task.id);
  }, []);

  // A request as its queue row names it (or, once it left the list, as the task read names it): the
  // toast after a complete and the panel say which one it is.
  const requestOf = useCallback(
    (task: RequestOf) =>
      requestLabel(queues.byId.get(task.id) ?? task) ?? `Request ${requestNumber(task.instanceId)}`,
    [queues.byId],
  );
  /**
   * After my own complete: in a practice run I started, on to its next step (I play every role, so it
   * is mine to take whoever it belongs to); else the queue's next task.
   */
  const afterCompleted = useCallback(
    (task: Task) => {
      if (!practice) return continueAfter(task);
      handledClosed.current.add(task.id);
      call(getInstance, { params: { id: task.instanceId } })
        .then(({ instance }) => nextStepOfOwnRun(instance, me.user.id))
        .catch(() => null)
        .then((next) => {
          if (next === null) return continueAfter(task);
          setCursorId(next);
          setOpenId(next);
        });
    },
    [practice, me.user.id, continueAfter, setOpenId],
  );
  /** A task I just claimed: opened (by `c` on a row it may not be yet), its first field focused once shown. */
  const claimedNow = useRef<string | null>(null);
  /** Tasks claimed on this screen: in My tasks even before its list has been read again. */
  const claimedHere = useRef(new Set<string>());
  // Once My tasks has been read again with it, the list says where it is (released later: not there).
  useEffect(() => {
    for (const id of claimedHere.current)
      if (queues.mine.some((t) => t.id === id)) claimedHere.current.delete(id);
  }, [queues.mine]);
  const afterClaimed = useCallback(
    (task: Task) => {
      claimedNow.current = task.id;
      claimedHere.current.add(task.id);
      setCursorId(task.id);
      show({ task: task.id });
    },
    [show],
  );
  /** A task I just put back in the pool: its Claim button takes the focus once its panel shows it. */
  const releasedNow = useRef<string | null>(null);
  const backInPool = useCallback((task: Task) => {
    releasedNow.current = task.id;
  }, []);
  const actions = useTaskActions({
    nameOf,
    requestOf,
    onCompleted: afterCompleted,
    onGone: stayOnGone,
    onClaimed: afterClaimed,
    onBackInPool: backInPool,
  });

  /** After playing a waiting step of my own practice run: on to the run's next step, if it has one. */
  const openNextOfRun = useCallback(
    (instance: InstanceView) => {
      const next = nextStepOfOwnRun(instance, me.user.id);
      if (next === null) return;
      setCursorId(next);
      setOpenId(next);
    },
    [me.user.id, setOpenId],
  );

  useEffect(() => {
    lastVisibleIds.current = visibleIds;
  }, [visibleIds]);
  useFocusKeptInList(visibleIds);

  // A notification asked to open a task (router state): open it, in the folder it is in, in the
  // address of this same history entry.
  useEffect(() => {
    const state = location.state as WorkLocationState | null;
    if (!state?.openTaskId) return;
    const id = state.openTaskId;
    setCursorId(id);
    setFilters(NO_FILTERS);
    const known = queues.byId.get(id);
    const where = known ? folderOf(known, me.user.id, folderRoles) : null;
    const params = new URLSearchParams(location.search);
    if (where === 'mine') params.delete('folder');
    else if (where) params.set('folder', where);
    params.set('task', id);
    navigate({ search: `?${params}` }, { replace: true, state: null });
  }, [location.state, location.search, navigate, queues.byId, me.user.id, folderRoles]);

  // The open task closed while it was open here (live update): say so, and stay on it, its panel
  // saying what became of it (as for one already closed when opened: a reload, Back, a kept link).
  const detail = useTaskDetail(openId);
  const shownOpen = useRef<string | null>(null);
  useEffect(() => {
    const task = detail.data?.task;
    // Data kept from an earlier visit is being read again: not yet what the task is now.
    if (!task || detail.isFetching) return;
    if (task.status === 'open') {
      shownOpen.current = task.id;
      return;
    }
    if (shownOpen.current !== task.id || handledClosed.current.has(task.id)) return;
    handledClosed.current.add(task.id);
    if (task.closedBy !== me.user.id) {
      notifications.show({
        id: `closed-${task.id}`,
        color: 'gray',
        title: task.closeReason === 'cancelled' ? 'Request cancelled' : 'Completed elsewhere',
        message:
          task.closeReason === 'cancelled'
            ? `“${task.title}” was cancelled. It has left your list.`
            : `${nameOf(task.closedBy)} finished “${task.title}”. It has left your list.`,
      });
    }
    stayOnGone(task);
  }, [detail.data, detail.isFetching, me.user.id, nameOf, stayOnGone]);

  useEffect(() => {
    const task = detail.data?.task;
    if (!task || detail.isFetching || task.id !== claimedNow.current || task.assignee !== me.user.id) return;
    claimedNow.current = null;
    focusClaimed(task.id);
  }, [detail.data, detail.isFetching, me.user.id]);

  useEffect(() => {
    const task = detail.data?.task;
    if (!task || detail.isFetching || task.id !== releasedNow.current || task.assignee !== null) return;
    releasedNow.current = null;
    focusReleased(task.id);
  }, [detail.data, detail.isFetching]);

  const open = useCallback(
    (task: Task) => {
      setCursorId(task.id);
      show({ task: task.id });
    },
    [show],
  );

  /**
   * Another folder shows its own tasks beside it: the open task stays only if it is one of them. The
   * pool's next task, opened after a complete, must not sit beside Done with its Claim button.
   */
  const selectFolder = useCallback(
    (id: FolderId) => {
      const openNow = searchNow.current.get('task');
      // A task just claimed is in My tasks even while that list is still being read again.
      const stays =
        openNow !== null &&
        ((id === 'mine' && claimedHere.current.has(openNow)) ||
          tasksInFolder(id, queues.mine, queues.pool, now, queues.done).some((t) => t.id === openNow));
      show({ folder: id, task: stays ? undefined : null });
      setCursorId(null);
    },
    [show, queues.mine, queues.pool, queues.done, now],
  );

  useQueueHotkeys({
    enabled: roles.length > 0 && (wide || openId === null),
    onMove: (delta) => {
      const next = moveCursor(visibleIds, cursorId, delta);
      if (next) {
        setCursorId(next);
        focusRow(next);
      }
    },
    onOpen: () => {
      if (cursorId) show({ task: cursorId });
    },
    onClaim: () => {
      const id = cursorId ?? openId;
      const task = id ? (queues.byId.get(id) ?? visible.find((t) => t.id === id)) : undefined;
      if (!task) return;
      if (task.assignee === me.user.id) {
        notifications.show({
          color: 'teal',
          title: 'Already yours',
          message: `“${task.title}” is in My tasks.`,
        });
        return;
      }
      actions.claim.mutate(task);
    },
  });

  if (roles.length === 0) {
    return (
      <EmptyState
        mt={80}
        mx="lg"
        icon={<UserX size={32} aria-hidden />}
        title="My work is for clinic staff"
        data-testid="no-clinic-role"
        description="Your account holds no clinic role, so no pool or task is yours to work. Ask an admin to add your role."
      >
        {isLead(me.user.roles) && (
          <EmptyState.Actions>
            <Button component={Link} to="/team">
              See all open work on Team
            </Button>
          </EmptyState.Actions>
        )}
      </EmptyState>
    );
  }

  const list = (
    <TaskList
      folder={folder}
      tasks={visible}
      total={inFolder.length}
      userId={me.user.id}
      now={now}
      openId={openId}
      cursorId={cursorId}
      loading={queues.isPending}
      error={queues.error}
      filtersActive={hasFilters(filters)}
      filterBar={
        <QueueFilterBar
          filters={filters}
          onChange={setFilters}
          workflows={workflowOptions}
          roles={roleOptions}
          showDue={folder.id !== 'done'}
        />
      }
      titleOf={titleOf}
      onOpen={open}
      onCursor={(task) => setCursorId(task.id)}
      onClearFilters={() => setFilters(NO_FILTERS)}
      onGoToFolder={selectFolder}
      onRetry={() => void queues.refetch()}
      firstPool={folders.find((f) => f.role && f.count > 0) ?? folders.find((f) => f.role)}
      mineCount={folders.find((f) => f.id === 'mine')?.count ?? 0}
    />
  );

  // The banner speaks of the task open beside it (the version its request runs on).
  const inFront =
    detail.data && detail.data.task.id === openId
      ? {
          definitionId: detail.data.instance.definitionId,
          role: detail.data.task.role,
          version: detail.data.instance.version,
        }
      : null;
  const banner = practice && (
    <PracticeBanner action={<LeavePracticeButton onClick={() => setSearch({})} />} />
  );

  if (wide) {
    const page = (
      <div className={classes.page} data-testid="my-work" data-practice={practice || undefined}>
        <FolderNav folders={folders} current={folder.id} onSelect={selectFolder} />
        <section className={classes.list} aria-label="Tasks">
          {!practice && <RequestActions />}
          {practice ? <PracticeWaits onPlayed={openNextOfRun} /> : <RefresherCard task={inFront} />}
          {list}
        </section>
        <div className={classes.panel}>
          <TaskPanel
            taskId={openId}
            me={me}
            now={now}
            nameOf={nameOf}
            requestOf={requestOf}
            actions={actions}
          />
        </div>
      </div>
    );
    return banner ? <PracticeFrame banner={banner}>{page}</PracticeFrame> : page;
  }

  const closeDrawer = () => {
    const id = openId;
    setOpenId(null);
    if (id) focusRow(id);
  };
  const compact = (
    <div className={classes.stack} data-testid="my-work" data-practice={practice || undefined}>
      <FolderNav folders={folders} current={folder.id} onSelect={selectFolder} compact />
      <section className={classes.listCompact} aria-label="Tasks">
        {!practice && <RequestActions />}
        {practice ? <PracticeWaits onPlayed={openNextOfRun} /> : <RefresherCard task={inFront} />}
        {list}
      </section>
      {/* No header: the task names itself at the top of the panel, and an empty header band stuck
          over the task at 200% zoom. The dialog is still named for screen readers. */}
      <Drawer.Root
        opened={openId !== null}
        onClose={closeDrawer}
        position="right"
        size="min(720px, 100%)"
        padding={0}
      >
        <Drawer.Overlay />
        <Drawer.Content aria-label="Task">
          <Drawer.Body>
            <TaskPanel
              taskId={openId}
              me={me}
              now={now}
              nameOf={nameOf}
              requestOf={requestOf}
              actions={actions}
              onClose={closeDrawer}
            />
          </Drawer.Body>
        </Drawer.Content>
      </Drawer.Root>
    </div>
  );
  return banner ? <PracticeFrame banner={banner}>{compact}</PracticeFrame> : compact;
}

/** The practice banner above the whole view, the view filling the rest of the height. */
function PracticeFrame({ banner, children }: { banner: ReactNode; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <div style={{ flex: '0 0 auto' }}>{banner}</div>
      <div style={{ flex: '1 1 auto', minHeight: 0 }}>{children}</div>
    </div>
  );
}

/** Starting a request and answering "where is it?": the two things a phone call asks of My work. */
function RequestActions() {
  // Grown buttons share the row by count: leave New request out, not empty, for roles that start nothing.
  const canStart = (useStartable(true).data ?? []).length > 0;
  const buttons = useRef<HTMLDivElement>(null);
  return (
    <>
      <Group ref={buttons} grow gap="xs" px="xs" pt="xs" mb="xs" wrap="nowrap">
        {canStart && <NewRequestButton />}
        <RequestStatusButton />
      </Group>
      {/* A notice gone with the focus in it hands it back to New request (the first of the two). */}
      <StartedNotices onLeft={() => buttons.current?.querySelector('button')?.focus()} />
    </>
  );
}
