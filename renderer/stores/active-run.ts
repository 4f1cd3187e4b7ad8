/**
 * Which run this browser was playing when the page went away (issue 14 item 8: reloading mid-run
 * offers to resume). Set when a live run starts, cleared when it ends; the library reads it at
 * start and offers to resume that run from its last save. Storage that is full or blocked only
 * loses the offer (History still lists the run).
 */
const KEY = 'outage-lab.active-run';

type KeyStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(): KeyStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // a sandboxed page may throw on access
  }
}

export function rememberActiveRun(runId: string, store: KeyStorage | undefined = storage()): void {
  try {
    store?.setItem(KEY, runId);
  } catch {
    // full or blocked: the offer is lost, the run is not
  }
}

export function forgetActiveRun(runId?: string, store: KeyStorage | undefined = storage()): void {
  try {
    if (runId === undefined || store?.getItem(KEY) === runId) store?.removeItem(KEY);
  } catch {
    // as above
  }
}

export function activeRunId(store: KeyStorage | undefined = storage()): string | undefined {
  try {
    return store?.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
