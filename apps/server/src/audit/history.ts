import type {
  AttachmentView,
  HistoryInstanceView,
  HistoryResponse,
  NoteView,
  ReplayResponse,
} from '@portalflow/contract';
import { type Definition, historyVersions, type InstanceSnapshot, replay } from '@portalflow/engine';
import type { AuditEvent, Instance } from '@portalflow/store';
import { attachmentViews } from '../attachments/view.ts';
import type { AppDeps } from '../deps.ts';
import type { InstanceService } from '../instances/service.ts';
import { instanceView } from '../instances/view.ts';
import { noteViews } from '../notes/view.ts';
import { historyOf, type TimelineEntry, timeline } from './timeline.ts';
import {
  attachmentsWithoutNames,
  eventWithoutValues,
  notesWithoutWords,
  timelineWithoutValues,
  viewWithoutData,
} from './without-values.ts';

/** A request's whole record, every value and word in it: what an export carries. */
export interface HistoryRecord {
  events: AuditEvent[];
  timeline: TimelineEntry[];
  notes: NoteView[];
  attachments: AttachmentView[];
}

/** The record as read without its values: fields named, not what they held; no words or file names. */
export function recordWithoutValues(whole: HistoryRecord) {
  return {
    events: whole.events.map(eventWithoutValues),
    timeline: timelineWithoutValues(whole.timeline, whole.events),
    notes: notesWithoutWords(whole.notes),
    attachments: attachmentsWithoutNames(whole.attachments),
  };
}

/**
 * A request's history for its readers: the record with its values, or without them (the fields'
 * values, notes' words, reasons and file names left out) when not asked for. Whoever calls has already
 * checked and logged the read.
 */
export function historyService(deps: Pick<AppDeps, 'store'>, instances: InstanceService) {
  async function record(instance: Instance, definition: Definition): Promise<HistoryRecord> {
    const events = await deps.store.listEvents(instance.id);
    const { start, versions } = await instances.historyDefinitions(instance, historyOf(events));
    return {
      events,
      timeline: timeline(start, events, versions),
      notes: noteViews(await deps.store.listNoteRevisions(instance.id), definition),
      attachments: attachmentViews(await deps.store.listAttachments(instance.id), definition),
    };
  }

  /** The instance as it was at `snapshot`, on the version (and its definition) it was on then. */
  function viewAt(
    instance: Instance,
    snapshot: InstanceSnapshot,
    version: number,
    definition: Definition,
    values: boolean,
  ): HistoryInstanceView {
    const view = instanceView(
      {
        ...instance,
        version,
        snapshot,
        status: snapshot.status,
        revision: snapshot.seq,
        updatedAt: snapshot.updatedAt,
      },
      definition,
    );
    return values ? view : viewWithoutData(view);
  }

  return {
    record,

    /**
     * The state after each event, from one replay of the history: what the replay page steps through,
     * read (and logged) once instead of once a step.
     */
    async states(instance: Instance, values: boolean): Promise<HistoryInstanceView[]> {
      const history = historyOf(await deps.store.listEvents(instance.id));
      const { start, versions } = await instances.historyDefinitions(instance, history);
      let version = historyVersions(history, instance.version).start;
      let current = start;
      const states: HistoryInstanceView[] = [];
      replay(start, history, {
        versions,
        onEvent: (i, snapshot) => {
          const event = history[i]!.event;
          if (event.type === 'migrated') {
            version = event.to;
            current = versions(event.to) ?? current;
          }
          states.push(viewAt(instance, snapshot, version, current, values));
        },
      });
      return states;
    },

    async history(instance: Instance, definition: Definition, values: boolean): Promise<HistoryResponse> {
      const whole = await record(instance, definition);
      const view = instanceView(instance, definition);
      if (values) return { values: true, instance: view, ...whole };
      return { values: false, instance: viewWithoutData(view), ...recordWithoutValues(whole) };
    },

    /**
     * The state after event `at` (the latest when left out), on the version the instance was on then:
     * the whole history says which version it starts on, a `migrated` event before `at` which it moved to.
     */
    async replayAt(
      instance: Instance,
      definition: Definition,
      at: number | undefined,
      values: boolean,
    ): Promise<ReplayResponse> {
      const history = historyOf(await deps.store.listEvents(instance.id));
      const { start, versions } = await instances.historyDefinitions(instance, history);
      const upTo = Math.min(at ?? history.length, history.length);
      const snapshot = replay(start, history, { versions, at: upTo });
      if (!snapshot) return { at: 0, snapshot: null, active: [] };
      const lastMove = history
        .slice(0, upTo)
        .map((h) => h.event)
        .filter((e) => e.type === 'migrated')
        .at(-1);
      const atDefinition = lastMove?.type === 'migrated' ? (versions(lastMove.to) ?? definition) : start;
      const view = instanceView(
        {
          ...instance,
          version:
            lastMove?.type === 'migrated' ? lastMove.to : historyVersions(history, instance.version).start,
          snapshot,
          status: snapshot.status,
          revision: snapshot.seq,
          updatedAt: snapshot.updatedAt,
        },
        atDefinition,
      );
      return { at: snapshot.seq, of: instance.revision, instance: values ? view : viewWithoutData(view) };
    },
  };
}

export type HistoryService = ReturnType<typeof historyService>;
