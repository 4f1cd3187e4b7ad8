/**
 * The one IPC channel map: for every host method, its channel name and the zod schema of its
 * arguments. Main validates with it and registers a handler per entry; the preload builds
 * `window.outageLab` from it. A new host call is a method on DesktopApi (host/desktop-api.ts),
 * an entry here (the compiler demands it), and its handler in main (the compiler demands that too).
 */
import { z } from 'zod';
import { TRAINEE_RUN_ID, type DesktopApi } from '../host/desktop-api';

/** The methods that cross IPC: the whole host API except the `host` tag the preload sets itself. */
export type IpcApi = Omit<DesktopApi, 'host'>;
export type IpcMethod = keyof IpcApi;

/** Main's implementation of each method, called only with arguments the schema accepted. */
export type IpcHandlers = {
  readonly [K in IpcMethod]: (...args: Parameters<IpcApi[K]>) => ReturnType<IpcApi[K]>;
};

type ChannelMap = {
  readonly [K in IpcMethod]: { readonly channel: string; readonly args: z.ZodType<Parameters<IpcApi[K]>> };
};

const fileName = z.string().min(1).max(128);

export const ipcContract = {
  info: { channel: 'storage:info', args: z.tuple([]) },
  listScenarios: { channel: 'storage:listScenarios', args: z.tuple([]) },
  readScenario: { channel: 'storage:readScenario', args: z.tuple([z.enum(['builtin', 'user']), fileName]) },
  writeScenario: {
    channel: 'storage:writeScenario',
    args: z.tuple([fileName, z.string().max(5 * 1024 * 1024)]),
  },
  listRuns: { channel: 'storage:listRuns', args: z.tuple([]) },
  readRun: { channel: 'storage:readRun', args: z.tuple([fileName]) },
  writeRun: { channel: 'storage:writeRun', args: z.tuple([fileName, z.unknown()]) },
  scenariosStamp: { channel: 'storage:scenariosStamp', args: z.tuple([]) },
  saveFile: {
    channel: 'dialog:saveFile',
    args: z.tuple([z.string().min(1).max(128), z.string().max(50 * 1024 * 1024)]),
  },
  /** A run id only: main builds the trainee URL (<app page>#trainee=<id>) itself. */
  openTraineeWindow: { channel: 'window:openTrainee', args: z.tuple([z.string().regex(TRAINEE_RUN_ID)]) },
} as const satisfies ChannelMap;

export const IPC_METHODS = Object.keys(ipcContract) as IpcMethod[];

/** Result envelope: errors cross IPC as a plain sentence rather than a thrown object. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };
