/**
 * The scenario library: every file from the host's built-in and user folders, validated with the
 * same code the CLI uses. Invalid files stay listed with their errors; nothing is dropped.
 */
import { create } from 'zustand';
import type { ScenarioFile } from '../../host/api';
import { parseScenarioText } from '../../simulator/scenario/validate';
import type { Scenario } from '../../simulator/scenario/schema';
import { hostApi } from '../platform/web-api';

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

export function toEntry(file: ScenarioFile): LibraryEntry {
  const key = `${file.source}/${file.file}`;
  if (file.text === undefined) {
    return {
      key,
      source: file.source,
      file: file.file,
      errors: [{ path: file.file, message: file.readError ?? 'unreadable' }],
    };
  }
  const result = parseScenarioText(file.text, file.file);
  return result.ok
    ? { key, source: file.source, file: file.file, text: file.text, scenario: result.scenario, errors: [] }
    : { key, source: file.source, file: file.file, text: file.text, errors: result.errors };
}

let prefetched: Promise<[ScenarioFile[], string]> | undefined;

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
    try {
      const api = hostApi();
      const pending = prefetched ?? Promise.all([api.listScenarios(), api.scenariosStamp()]);
      prefetched = undefined;
      const [files, stamp] = await pending;
      set({ status: 'ready', entries: files.map(toEntry), stamp, error: undefined });
    } catch (error) {
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
