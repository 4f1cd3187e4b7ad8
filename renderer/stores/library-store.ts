/**
 * The scenario library: every file from the host's built-in and user folders, validated with the
 * same code the CLI uses, in a Web Worker with results cached by content
 * (library-validation-client.ts). Invalid files stay listed with their errors; nothing is dropped.
 */
import { create } from 'zustand';
import type { ScenarioFile } from '../../host/api';
import type { Scenario } from '../../simulator/scenario/schema';
import type { Drill } from '../../simulator/drill/schema';
import type { LibraryValidation } from './library-drill-check';
import { hostApi } from '../platform/web-api';
import { validateLibraryFiles } from './library-validation-client';

export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
}

export interface LibraryEntry {
  readonly key: string;
  readonly source: ScenarioFile['source'];
  readonly file: string;
  readonly text?: string;
  readonly scenario?: Scenario;
  /** A readiness drill file (`"kind": "drill"`), valid or not; `drill` once it validates. */
  readonly kind?: 'drill';
  readonly drill?: Drill;
  readonly errors: readonly ScenarioIssue[];
}

interface LibraryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: string;
  entries: LibraryEntry[];
  stamp?: string;
  load(): Promise<void>;
  /** Reloads when the user folder changed (cheap stamp check); called on an interval. */
  refreshIfChanged(): Promise<void>;
}

/** The entry of a file; `result` is its validation (undefined for a file that could not be read). */
export function toEntry(file: ScenarioFile, result: LibraryValidation | undefined): LibraryEntry {
  const key = `${file.source}/${file.file}`;
  if (file.text === undefined || result === undefined) {
    return {
      key,
      source: file.source,
      file: file.file,
      errors: [{ path: file.file, message: file.readError ?? 'unreadable' }],
    };
  }
  const base = { key, source: file.source, file: file.file, text: file.text };
  if ('kind' in result)
    return result.ok
      ? { ...base, kind: 'drill', drill: result.drill, errors: [] }
      : { ...base, kind: 'drill', errors: result.errors };
  return result.ok ? { ...base, scenario: result.scenario, errors: [] } : { ...base, errors: result.errors };
}

/** Validates the readable files (off the UI thread) and builds the entries in the host's order. */
export async function toEntries(files: readonly ScenarioFile[]): Promise<LibraryEntry[]> {
  const readable = files.filter((f): f is ScenarioFile & { text: string } => f.text !== undefined);
  const results = await validateLibraryFiles(readable.map((f) => ({ file: f.file, text: f.text })));
  const byFile = new Map<ScenarioFile, LibraryValidation | undefined>(
    readable.map((f, i) => [f, results[i]]),
  );
  return files.map((f) => toEntry(f, byFile.get(f)));
}

let prefetched: Promise<[ScenarioFile[], string]> | undefined;
/** Counts loads, so a slow load that finishes after a newer one does not overwrite it. */
let loads = 0;

/**
 * Starts reading the scenario list before React has mounted (called from main.tsx), so the first
 * screen does not wait for a render before its only request goes out.
 */
export function prefetchLibrary(): void {
  const api = hostApi();
  prefetched ??= Promise.all([api.listScenarios(), api.scenariosStamp()]);
  prefetched.catch(() => undefined); // load() reports the failure
}

export const useLibraryStore = create<LibraryState>((set, get) => ({
  status: 'idle',
  entries: [],
  async load() {
    set({ status: get().entries.length ? 'ready' : 'loading' });
    const thisLoad = ++loads;
    try {
      const api = hostApi();
      const pending = prefetched ?? Promise.all([api.listScenarios(), api.scenariosStamp()]);
      prefetched = undefined;
      const [files, stamp] = await pending;
      const entries = await toEntries(files);
      if (thisLoad !== loads) return;
      set({ status: 'ready', entries, stamp, error: undefined });
    } catch (error) {
      if (thisLoad !== loads) return;
      set({ status: 'error', error: (error as Error).message });
    }
  },
  async refreshIfChanged() {
    try {
      const stamp = await hostApi().scenariosStamp();
      if (stamp !== get().stamp) await get().load();
    } catch {
      // The next poll tries again; the list on screen stays as it was.
    }
  },
}));
