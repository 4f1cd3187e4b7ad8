/**
 * The storage API both hosts expose to the renderer: Electron through the preload's contextBridge
 * object, web mode over HTTP JSON. Types and constants only (no Node imports) so the renderer can import them.
 */

/** Web mode: the header that carries the per-launch API token (host/web/request-guard.ts). */
export const API_TOKEN_HEADER = 'x-outage-lab-token';
/** Web mode: the meta tag of the served index.html that carries the token to the renderer. */
export const TOKEN_META_NAME = 'outage-lab-token';

export type ScenarioSource = 'builtin' | 'user';

/** A scenario file as found on disk. `text` is absent when the file could not be read. */
export interface ScenarioFile {
  readonly source: ScenarioSource;
  readonly file: string;
  readonly text?: string;
  /** Why the file could not be read (I/O error), in one sentence. */
  readonly readError?: string;
  readonly modifiedMs: number;
}

/** A run record file: parsed JSON, or the reason it could not be parsed (never deleted). */
export interface RunFile {
  readonly file: string;
  readonly data?: unknown;
  readonly error?: string;
  readonly modifiedMs: number;
}

export interface HostInfo {
  readonly host: 'electron' | 'web';
  readonly version: string;
  readonly userScenarioDir: string;
  readonly runsDir: string;
}

export interface StorageApi {
  info(): Promise<HostInfo>;
  listScenarios(): Promise<ScenarioFile[]>;
  readScenario(source: ScenarioSource, file: string): Promise<ScenarioFile>;
  writeScenario(file: string, text: string): Promise<void>;
  listRuns(): Promise<RunFile[]>;
  readRun(file: string): Promise<RunFile>;
  writeRun(file: string, data: unknown): Promise<void>;
  /** Cheap change detector for the user scenario folder (polled by the library). */
  scenariosStamp(): Promise<string>;
}

/** Errors crossing the host boundary carry a plain sentence, never a stack. */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly code: 'bad-argument' | 'not-found' | 'io' = 'io',
  ) {
    super(message);
    this.name = 'StorageError';
  }
}
