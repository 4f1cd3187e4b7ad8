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
import { askBeforeLeaving } from '../platform/before-unload';
import { useHistoryStore } from './history-store';

interface PendingSavesState {
  /** Run saves that failed and are being retried. */
  pending: readonly PendingSave[];
  /** What could not be read back from storage at start, one sentence each. */
  restoreProblems: readonly string[];
}

export const usePendingSaves = create<PendingSavesState>(() => ({ pending: [], restoreProblems: [] }));

type QueueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * localStorage (absent in Node tests). Where the browser blocks it (some private modes, blocked
 * site data), touching it throws: the queue then gets a storage that throws that error on every
 * call, so it says why it keeps saves only in this tab instead of doing so in silence.
 */
export function browserStorage(
  read = (): QueueStorage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage),
): QueueStorage | undefined {
  try {
    return read();
  } catch (error) {
    const fail = (): never => {
      throw error;
    };
    return { getItem: fail, setItem: fail, removeItem: fail };
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

// Leaving the page while a run is not saved asks first: the retries stop with the page, and
// where the browser keeps no copy (storage full or blocked) the run is lost.
let stopAsking: (() => void) | undefined;
if (typeof window !== 'undefined') {
  usePendingSaves.subscribe(({ pending }) => {
    if (pending.length > 0 && !stopAsking) stopAsking = askBeforeLeaving();
    else if (pending.length === 0 && stopAsking) {
      stopAsking();
      stopAsking = undefined;
    }
  });
}

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
