/**
 * The app's one SaveQueue (renderer/stores/save-queue.ts) and what the views show of it: run
 * saves go through `saveRun`, which stamps each record's saveOrder once, when it is first sent
 * (a retry, even after a reload, keeps it), and keeps failed saves in localStorage until the
 * host takes them.
 */
import { create } from 'zustand';
import type { RunRecord } from '../../simulator/runs/record';
import { platformApi, stampSaveOrder } from '../platform/web-api';
import { SaveQueue, type PendingSave } from './save-queue';
import { useHistoryStore } from './history-store';

interface PendingSavesState {
  /** Run saves that failed and are being retried. */
  pending: readonly PendingSave[];
  /** What could not be read back from storage at start, one sentence each. */
  restoreProblems: readonly string[];
}

export const usePendingSaves = create<PendingSavesState>(() => ({ pending: [], restoreProblems: [] }));

/** localStorage where the page may use it (absent in Node tests, blocked in some private modes). */
function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

const queue = new SaveQueue({
  stamp: stampSaveOrder,
  write: (file, record) => platformApi().writeRun(file, record),
  storage: browserStorage(),
  onChange: (pending) => usePendingSaves.setState({ pending }),
  // History and the personal bests follow the saved records.
  onRecovered: () => void useHistoryStore.getState().load(),
});

/** Saves a run record; resolves true when saved, false when queued for a retry. */
export const saveRun = (file: string, record: RunRecord): Promise<boolean> => queue.save(file, record);

/** Retries every failed save now. */
export const retryPendingSaves = (): Promise<boolean> => queue.retryNow();

let restored = false;
/** Retries the saves a previous page left behind; once per page (app start or reload). */
export function restorePendingSaves(): void {
  if (restored) return;
  restored = true;
  usePendingSaves.setState({ restoreProblems: queue.restore() });
}

/** The failed save of run `runId`, if it has one (a selector for the views). */
export const pendingSaveOf =
  (runId: string | undefined) =>
  (s: PendingSavesState): PendingSave | undefined =>
    runId === undefined ? undefined : s.pending.find((p) => p.runId === runId);
