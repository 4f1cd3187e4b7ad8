/**
 * What the renderer can ask of its host. Electron's preload implements it over IPC
 * (`window.outageLab`); in web mode the renderer's `web-api.ts` implements it over HTTP JSON.
 * Lives in host/ (types and pure helpers only, no Node or DOM) so electron/ and renderer/ both
 * import it without electron/ depending on renderer/.
 */
import type { StorageApi } from './api';

export interface DesktopApi extends StorageApi {
  readonly host: 'electron' | 'web';
  /** Saves text to a file the user picks (Electron: Save dialog; web: a download). Resolves false if cancelled. */
  saveFile(suggestedName: string, content: string): Promise<boolean>;
  /**
   * Instructor mode: opens the trainee's view of run `runId` (the app with `#trainee=<runId>`) in a
   * second window (Electron) or browser tab (web). `runId` must be a run id (TRAINEE_RUN_ID).
   */
  openTraineeWindow(runId: string): Promise<void>;
}

/** What a run id looks like (scenario id + start time); the only thing a trainee URL may carry. */
export const TRAINEE_RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** The location hash that opens a trainee view, e.g. `#trainee=thread-exhaustion-2026-...`. */
export const traineeHash = (runId: string): string => `trainee=${encodeURIComponent(runId)}`;

/** The run id of a `#trainee=<runId>` hash, or undefined. */
export function traineeRunIdFromHash(hash: string): string | undefined {
  const match = /^#?trainee=([^&]+)$/.exec(hash);
  if (!match) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(match[1] as string);
  } catch {
    return undefined;
  }
  return TRAINEE_RUN_ID.test(id) ? id : undefined;
}
