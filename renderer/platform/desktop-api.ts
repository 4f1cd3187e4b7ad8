/**
 * What the renderer can ask of its host. Electron's preload implements it over IPC
 * (`window.outageLab`); in web mode `web-api.ts` implements it over HTTP JSON.
 */
import type { StorageApi } from '../../host/api';

export interface DesktopApi extends StorageApi {
  readonly host: 'electron' | 'web';
  /** Saves text to a file the user picks (Electron: Save dialog; web: a download). Resolves false if cancelled. */
  saveFile(suggestedName: string, content: string): Promise<boolean>;
}

declare global {
  interface Window {
    outageLab?: DesktopApi;
  }
}
