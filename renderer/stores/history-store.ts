/**
 * Run history: every run record in the data folder (runs/), read through the host's storage API
 * and migrated to the current format. A record that cannot be read stays listed with its error and
 * is never deleted or rewritten. Personal bests per scenario id are the highest score of a
 * finished run. In-progress runs (saved after every step and every simulated minute) can be closed from here.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { RunFile } from '../../host/api';
import { finishRunRecord, migrateRunRecord, type RunRecord } from '../../simulator/runs/record';
import { isDrillRunJson, readDrillRunRecord, type DrillRunRecord } from '../../simulator/drill/record';
import type { Grade } from '../../simulator/scoring/types';
import { hostApi } from '../platform/web-api';

export interface HistoryRun {
  readonly file: string;
  readonly record: RunRecord;
  readonly modifiedMs: number;
  /** Format the record was read from (older ones were migrated in memory, never rewritten). */
  readonly fromVersion: number;
  /** What a migration could not carry over. */
  readonly notes: readonly string[];
}

export interface CorruptRun {
  readonly file: string;
  readonly error: string;
  readonly modifiedMs: number;
}

export interface PersonalBest {
  readonly total: number;
  readonly grade: Grade;
  /** File of the run that set it. */
  readonly file: string;
  readonly startedAt: string;
}

export interface ScenarioGroup {
  readonly scenarioId: string;
  readonly title: string;
  /** Newest first. */
  readonly runs: readonly HistoryRun[];
}

/** A finished readiness drill saved beside the runs (simulator/drill/record.ts). */
export interface HistoryDrillRun {
  readonly file: string;
  readonly record: DrillRunRecord;
  readonly modifiedMs: number;
}

/** Reads each listed file: a migrated record, a drill record, or the reason it cannot be read. */
export function readRunFiles(files: readonly RunFile[]): {
  runs: HistoryRun[];
  corrupt: CorruptRun[];
  drills: HistoryDrillRun[];
} {
  const runs: HistoryRun[] = [];
  const corrupt: CorruptRun[] = [];
  const drills: HistoryDrillRun[] = [];
  for (const f of files) {
    if (f.error === undefined && isDrillRunJson(f.data)) {
      const drill = readDrillRunRecord(f.data);
      if (drill.ok) drills.push({ file: f.file, record: drill.record, modifiedMs: f.modifiedMs });
      else corrupt.push({ file: f.file, error: drill.error, modifiedMs: f.modifiedMs });
      continue;
    }
    if (f.error !== undefined || f.data === undefined) {
      corrupt.push({
        file: f.file,
        error: f.error ?? 'The file could not be read.',
        modifiedMs: f.modifiedMs,
      });
      continue;
    }
    const result = migrateRunRecord(f.data);
    if (result.ok) {
      runs.push({
        file: f.file,
        record: result.record,
        modifiedMs: f.modifiedMs,
        fromVersion: result.fromVersion,
        notes: result.notes,
      });
    } else {
      corrupt.push({ file: f.file, error: result.error, modifiedMs: f.modifiedMs });
    }
  }
  drills.sort((a, b) => b.record.startedAt.localeCompare(a.record.startedAt) || b.file.localeCompare(a.file));
  return { runs, corrupt, drills };
}

/** Wall-clock start of a run in ms (the file's time when the record's does not parse). */
export function startedMs(run: HistoryRun): number {
  const ms = Date.parse(run.record.startedAt);
  return Number.isFinite(ms) ? ms : run.modifiedMs;
}

const newestFirst = (a: HistoryRun, b: HistoryRun) =>
  startedMs(b) - startedMs(a) || b.file.localeCompare(a.file);

/** A finished run with a score: the only kind that can set a personal best. */
export function isFinished(run: HistoryRun): boolean {
  return run.record.status !== 'in-progress' && run.record.score !== undefined;
}

/** Highest score.total of the finished runs, per scenario id (the earliest run wins a tie). */
export function personalBests(runs: readonly HistoryRun[]): Record<string, PersonalBest> {
  const bests: Record<string, PersonalBest> = {};
  const oldestFirst = [...runs].sort((a, b) => newestFirst(b, a));
  for (const run of oldestFirst) {
    const score = run.record.score;
    if (!score || !isFinished(run)) continue;
    const current = bests[run.record.scenarioId];
    if (!current || score.total > current.total) {
      bests[run.record.scenarioId] = {
        total: score.total,
        grade: score.grade,
        file: run.file,
        startedAt: run.record.startedAt,
      };
    }
  }
  return bests;
}

/** Runs grouped by scenario id; groups ordered by their newest run, runs newest first. */
export function groupByScenario(runs: readonly HistoryRun[]): ScenarioGroup[] {
  const groups = new Map<string, HistoryRun[]>();
  for (const run of [...runs].sort(newestFirst)) {
    const list = groups.get(run.record.scenarioId);
    if (list) list.push(run);
    else groups.set(run.record.scenarioId, [run]);
  }
  return [...groups.entries()].map(([scenarioId, list]) => ({
    scenarioId,
    title: list[0]?.record.scenarioTitle || scenarioId,
    runs: list,
  }));
}

/**
 * The selection for the side-by-side comparison: at most two runs of the same scenario. Picking a
 * run of another scenario starts a new selection; a third run replaces the older pick.
 */
export function toggleSelection(
  selected: readonly string[],
  file: string,
  runs: readonly HistoryRun[],
): string[] {
  if (selected.includes(file)) return selected.filter((f) => f !== file);
  const scenarioOf = (f: string) => runs.find((r) => r.file === f)?.record.scenarioId;
  const scenario = scenarioOf(file);
  const same = selected.filter((f) => scenarioOf(f) === scenario);
  return [...same, file].slice(-2);
}

/** "Best: 87 (B)". */
export function formatBest(best: PersonalBest): string {
  return `Best: ${best.total} (${best.grade})`;
}

interface HistoryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: string;
  runs: HistoryRun[];
  corrupt: CorruptRun[];
  /** Finished drills, newest first. */
  drills: HistoryDrillRun[];
  /** Personal best per scenario id. */
  bests: Record<string, PersonalBest>;
  /** Files picked for the comparison (at most two, same scenario). */
  selected: string[];
  /** Last failure of an action on one record (closing it), shown in the view. */
  actionError?: string;
  load(): Promise<void>;
  toggleSelect(file: string): void;
  clearSelection(): void;
  /** Closes an in-progress run: written back as 'abandoned', without a score. */
  closeRun(file: string): Promise<boolean>;
}

/** The listing in flight, so that many callers at once (library cards) share one request. */
let loading: Promise<void> | undefined;

export const useHistoryStore = create<HistoryState>((set, get) => {
  async function listAndRead(): Promise<void> {
    set({ status: get().status === 'ready' ? 'ready' : 'loading' });
    try {
      const files = await hostApi().listRuns();
      const { runs, corrupt, drills } = readRunFiles(files);
      const known = new Set(runs.map((r) => r.file));
      set({
        status: 'ready',
        error: undefined,
        runs,
        corrupt,
        drills,
        bests: personalBests(runs),
        selected: get().selected.filter((f) => known.has(f)),
      });
    } catch (error) {
      set({ status: 'error', error: (error as Error).message });
    }
  }

  return {
    status: 'idle',
    runs: [],
    corrupt: [],
    drills: [],
    bests: {},
    selected: [],
    load() {
      loading ??= listAndRead().finally(() => {
        loading = undefined;
      });
      return loading;
    },
    toggleSelect(file) {
      set({ selected: toggleSelection(get().selected, file, get().runs) });
    },
    clearSelection() {
      set({ selected: [] });
    },
    async closeRun(file) {
      const run = get().runs.find((r) => r.file === file);
      if (!run || run.record.status !== 'in-progress') return false;
      const closed = finishRunRecord(run.record, {
        status: 'abandoned',
        endedAt: new Date().toISOString(),
        simTime: run.record.simTime,
      });
      try {
        await hostApi().writeRun(file, closed);
      } catch (error) {
        set({ actionError: `Could not close the run: ${(error as Error).message}` });
        return false;
      }
      const runs = get().runs.map((r) =>
        r.file === file ? { ...r, record: closed, modifiedMs: Date.now() } : r,
      );
      set({ runs, bests: personalBests(runs), actionError: undefined });
      return true;
    },
  };
});

/**
 * The personal best for a scenario id (undefined when no finished run has a score), for the
 * library cards: `const best = usePersonalBest(scenario.id); best && formatBest(best)`.
 * Loads the history once when nothing has been loaded yet.
 */
export function usePersonalBest(scenarioId: string): PersonalBest | undefined {
  const status = useHistoryStore((s) => s.status);
  const load = useHistoryStore((s) => s.load);
  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);
  return useHistoryStore((s) => s.bests[scenarioId]);
}
