/**
 * Run saves that must not be lost: every run save goes through a SaveQueue. A save that fails is
 * kept (the latest record per run id), written to the browser's storage so a reload does not lose
 * it, and retried with exponential backoff until the host takes it. A newer save of the same run
 * replaces the queued one, so a retry never sends an older record after a newer one.
 */
import { migrateRunRecord, type RunRecord } from '../../simulator/runs/record';

/** A run save the host has not taken yet, after at least one failed attempt. */
export interface PendingSave {
  readonly runId: string;
  readonly file: string;
  readonly record: RunRecord;
  /** The last failure, in the host's words. */
  readonly error: string;
  /** Failed attempts since the last success. */
  readonly attempts: number;
  /** When the next automatic retry runs (epoch ms), if one is scheduled. */
  readonly retryAt?: number;
  /**
   * Why no copy is kept in the browser's storage (full, blocked): the save then lives only in
   * this tab's memory, and a reload or closing the tab loses it unless it was exported.
   */
  readonly notKeptHere?: string;
}

export interface SaveQueueOptions {
  /** Sends a record as it is (retries included: it already carries its saveOrder). */
  write(file: string, record: RunRecord): Promise<void>;
  /**
   * Gives a record its saveOrder once, when it is first saved. The queue keeps and stores the
   * stamped record, so a retry, even after a reload, is ordered by when it was first sent.
   */
  stamp?(record: RunRecord): RunRecord;
  /** Where failed saves survive a reload; undefined keeps them in memory only. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  storageKey?: string;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After any change to the pending saves. */
  onChange?(pending: readonly PendingSave[]): void;
  /** After a save that had failed before reached the host. */
  onRecovered?(record: RunRecord): void;
}

export const PENDING_SAVES_KEY = 'outage-lab.pending-run-saves';
const STORED_FORMAT = 1;

interface Entry {
  file: string;
  record: RunRecord;
  /** Bumped by every save of this run: an attempt only settles the entry when it is still current. */
  version: number;
  attempts: number;
  error?: string;
  retryAt?: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Read back from storage, not saved by this page since: another tab may have saved it meanwhile. */
  restored?: boolean;
}

interface StoredSave {
  file: string;
  record: RunRecord;
}

/** A storage failure in plain words, with the browser's error name. */
export function storageFailure(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const plain =
    name === 'QuotaExceededError'
      ? 'the browser’s storage is full'
      : name === 'SecurityError'
        ? 'the browser blocks storage for this page'
        : (error as Error | undefined)?.message || 'the browser refused to store it';
  return name && name !== 'Error' ? `${plain} (${name})` : plain;
}

export class SaveQueue {
  private readonly entries = new Map<string, Entry>();
  /** Why the last write to storage failed; cleared by the next one that works. */
  private storageProblem: string | undefined;
  private readonly options: Required<Pick<SaveQueueOptions, 'storageKey' | 'baseDelayMs' | 'maxDelayMs'>> &
    SaveQueueOptions;

  constructor(options: SaveQueueOptions) {
    this.options = {
      storageKey: PENDING_SAVES_KEY,
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      ...options,
    };
  }

  /** Saves `record`; resolves true when the host took it, false when it is queued for a retry. */
  save(file: string, unstamped: RunRecord): Promise<boolean> {
    const record = this.options.stamp ? this.options.stamp(unstamped) : unstamped;
    const previous = this.entries.get(record.id);
    if (previous?.timer) clearTimeout(previous.timer);
    this.entries.set(record.id, {
      file,
      record,
      version: (previous?.version ?? 0) + 1,
      attempts: previous?.attempts ?? 0,
      error: previous?.error,
    });
    // A queued record is replaced in storage at once: a reload now must not bring back the older one.
    if (previous?.error !== undefined) this.persist(record.id);
    return this.attempt(record.id);
  }

  /** Failed saves, oldest run first. */
  pending(): PendingSave[] {
    const out: PendingSave[] = [];
    for (const [runId, e] of this.entries) {
      if (e.error === undefined) continue;
      out.push({
        runId,
        file: e.file,
        record: e.record,
        error: e.error,
        attempts: e.attempts,
        retryAt: e.retryAt,
        ...(this.storageProblem === undefined ? {} : { notKeptHere: this.storageProblem }),
      });
    }
    return out;
  }

  /** Retries every failed save now; resolves true when all of them reached the host. */
  async retryNow(): Promise<boolean> {
    const ids = this.pending().map((p) => p.runId);
    const results = await Promise.all(ids.map((id) => this.attempt(id)));
    return results.every(Boolean);
  }

  /**
   * Picks up the saves a previous page left in storage (app start, reload) and retries them.
   * Returns what could not be read back, one sentence each.
   */
  restore(): string[] {
    const { saves, problems } = this.readStored();
    for (const [runId, { file, record }] of saves) {
      // A save made by this page since then is newer than the stored one.
      if (this.entries.has(runId)) continue;
      this.entries.set(runId, {
        file,
        record,
        version: 1,
        attempts: 0,
        error: 'Not saved before the app was closed or reloaded.',
        restored: true,
      });
    }
    this.changed();
    for (const runId of saves.keys()) void this.attempt(runId);
    return problems;
  }

  /** Stops the retry timers (tests, teardown); the pending saves stay in storage. */
  dispose(): void {
    for (const e of this.entries.values()) if (e.timer) clearTimeout(e.timer);
  }

  private async attempt(runId: string): Promise<boolean> {
    const entry = this.entries.get(runId);
    if (!entry) return true;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.restored && !this.adoptStored(runId, entry)) return true;
    const { version, record } = entry;
    const hadFailed = entry.error !== undefined;
    try {
      await this.options.write(entry.file, record);
    } catch (error) {
      const current = this.entries.get(runId);
      // A newer save of this run took over (or already succeeded): its own attempt decides.
      if (current?.version !== version) return false;
      current.attempts += 1;
      current.error = (error as Error).message || 'The save failed.';
      const delay = Math.min(
        this.options.maxDelayMs,
        this.options.baseDelayMs * 2 ** Math.min(current.attempts - 1, 30),
      );
      current.retryAt = Date.now() + delay;
      current.timer = setTimeout(() => void this.attempt(runId), delay);
      this.persist(runId);
      return false;
    }
    const current = this.entries.get(runId);
    if (current?.version === version) {
      this.entries.delete(runId);
      if (hadFailed) this.persist(runId);
    }
    if (hadFailed) this.options.onRecovered?.(record);
    return true;
  }

  /**
   * A restored save follows what storage holds now: gone means another tab saved it (dropped
   * here, false), a different record means another tab queued a newer one (adopted).
   */
  private adoptStored(runId: string, entry: Entry): boolean {
    const stored = this.readStored().saves.get(runId);
    if (!stored) {
      this.entries.delete(runId);
      this.changed();
      return false;
    }
    entry.file = stored.file;
    entry.record = stored.record;
    return true;
  }

  /** The saves kept in storage, by run id, and what could not be read back (one sentence each). */
  private readStored(): { saves: Map<string, StoredSave>; problems: string[] } {
    const saves = new Map<string, StoredSave>();
    let stored: unknown;
    try {
      const text = this.options.storage?.getItem(this.options.storageKey) ?? null;
      if (text === null) return { saves, problems: [] };
      stored = JSON.parse(text);
    } catch (error) {
      return {
        saves,
        problems: [`The unsaved runs kept in this browser could not be read: ${(error as Error).message}`],
      };
    }
    const list = (stored as { saves?: unknown } | null)?.saves;
    if (!Array.isArray(list))
      return { saves, problems: ['The unsaved runs kept in this browser are not in a known format.'] };
    const problems: string[] = [];
    list.forEach((item: unknown, i) => {
      const file = (item as { file?: unknown } | null)?.file;
      const parsed = migrateRunRecord((item as { record?: unknown } | null)?.record);
      if (!parsed.ok) problems.push(`saves[${i}].record: ${parsed.error}`);
      else if (typeof file !== 'string') problems.push(`saves[${i}].file: not a file name.`);
      else saves.set(parsed.record.id, { file, record: parsed.record });
    });
    return { saves, problems };
  }

  /**
   * Writes this page's state of run `runId` into storage, keeping the other runs there as they
   * are (another tab may have queued them).
   */
  private persist(runId: string): void {
    const storage = this.options.storage;
    if (storage) {
      const { saves } = this.readStored();
      const entry = this.entries.get(runId);
      if (entry?.error !== undefined) saves.set(runId, { file: entry.file, record: entry.record });
      else saves.delete(runId);
      try {
        if (saves.size === 0) storage.removeItem(this.options.storageKey);
        else
          storage.setItem(
            this.options.storageKey,
            JSON.stringify({ format: STORED_FORMAT, saves: [...saves.values()] }),
          );
        this.storageProblem = undefined;
      } catch (error) {
        // Storage full or blocked: the save stays queued in memory (the views say so), and
        // export still works.
        this.storageProblem = storageFailure(error);
      }
    }
    this.changed();
  }

  private changed(): void {
    this.options.onChange?.(this.pending());
  }
}
