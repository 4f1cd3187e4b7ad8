/**
 * The IPC channel of every host method. Plain strings with no zod, so the preload can import
 * them without bundling the schemas (main validates; electron/ipc-contract.ts pairs each channel
 * with its argument schema).
 */
import type { DesktopApi } from '../host/desktop-api';

/** The methods that cross IPC: the whole host API except the `host` tag the preload sets itself. */
export type IpcApi = Omit<DesktopApi, 'host'>;
export type IpcMethod = keyof IpcApi;

export const IPC_CHANNELS = {
  info: 'storage:info',
  listScenarios: 'storage:listScenarios',
  readScenario: 'storage:readScenario',
  writeScenario: 'storage:writeScenario',
  listRuns: 'storage:listRuns',
  readRun: 'storage:readRun',
  writeRun: 'storage:writeRun',
  scenariosStamp: 'storage:scenariosStamp',
  saveFile: 'dialog:saveFile',
  openTraineeWindow: 'window:openTrainee',
} as const satisfies { readonly [K in IpcMethod]: string };

export const IPC_METHODS = Object.keys(IPC_CHANNELS) as IpcMethod[];

/** Result envelope: errors cross IPC as a plain sentence rather than a thrown object. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };
