/**
 * The investigation shell's terminal state: scrollback and command history, per run. Kept out of
 * the component so switching console tabs keeps both; cleared when another run starts.
 */
import { create } from 'zustand';

export interface ShellEntry {
  readonly id: number;
  readonly command: string;
  /** Undefined while the worker has not answered. */
  readonly output?: string;
  readonly ok?: boolean;
}

/** Oldest entries go first beyond this, so a long session stays light. */
export const SCROLLBACK_LIMIT = 200;
export const HISTORY_LIMIT = 500;

interface ShellState {
  /** The run the scrollback belongs to. */
  runKey?: string;
  entries: readonly ShellEntry[];
  history: readonly string[];
  /** Starts a command (output pending); returns its entry id. */
  begin(runKey: string, command: string): number;
  finish(id: number, output: string, ok: boolean): void;
  clear(): void;
  /** Forgets everything when the run changes. */
  forRun(runKey: string): void;
}

let nextId = 1;

export const useShellStore = create<ShellState>((set, get) => ({
  entries: [],
  history: [],
  begin(runKey, command) {
    get().forRun(runKey);
    const id = nextId++;
    set((s) => ({
      entries: [...s.entries, { id, command }].slice(-SCROLLBACK_LIMIT),
      history:
        command.trim() === '' || s.history.at(-1) === command
          ? s.history
          : [...s.history, command].slice(-HISTORY_LIMIT),
    }));
    return id;
  },
  finish(id, output, ok) {
    set((s) => ({ entries: s.entries.map((e) => (e.id === id ? { ...e, output, ok } : e)) }));
  },
  clear: () => set({ entries: [] }),
  forRun(runKey) {
    if (get().runKey !== runKey) set({ runKey, entries: [], history: [] });
  },
}));
