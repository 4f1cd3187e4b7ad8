/**
 * The one IPC channel map: for every host method, its channel name and the zod schema of its
 * arguments. Main validates with it and registers a handler per entry; the preload imports only
 * its types and the channel names (electron/ipc-channels.ts), so it bundles no zod. A new host
 * call is a method on DesktopApi (host/desktop-api.ts), a channel there, an entry here (the
 * compiler demands both), and its handler in main (the compiler demands that too).
 */
import { z } from 'zod';
import { TRAINEE_RUN_ID } from '../host/desktop-api';
import { MAX_EXPORT_BYTES, MAX_FILE_BYTES } from '../host/storage/limits';
import { IPC_CHANNELS, type IpcApi, type IpcMethod } from './ipc-channels';

export { IPC_METHODS, type IpcApi, type IpcMethod, type IpcResult } from './ipc-channels';

/** Main's implementation of each method, called only with arguments the schema accepted. */
export type IpcHandlers = {
  readonly [K in IpcMethod]: (...args: Parameters<IpcApi[K]>) => ReturnType<IpcApi[K]>;
};

type ChannelMap = {
  readonly [K in IpcMethod]: {
    readonly channel: (typeof IPC_CHANNELS)[K];
    readonly args: z.ZodType<Parameters<IpcApi[K]>>;
  };
};

const fileName = z.string().min(1).max(128);

// A string never has more characters than UTF-8 bytes, so these bounds are loose; the byte
// limits themselves are checked in electron/ipc-size.ts (preload and main) and by storage.
export const ipcContract = {
  info: { channel: IPC_CHANNELS.info, args: z.tuple([]) },
  listScenarios: { channel: IPC_CHANNELS.listScenarios, args: z.tuple([]) },
  readScenario: {
    channel: IPC_CHANNELS.readScenario,
    args: z.tuple([z.enum(['builtin', 'user']), fileName]),
  },
  writeScenario: {
    channel: IPC_CHANNELS.writeScenario,
    args: z.tuple([fileName, z.string().max(MAX_FILE_BYTES)]),
  },
  listRuns: { channel: IPC_CHANNELS.listRuns, args: z.tuple([]) },
  readRun: { channel: IPC_CHANNELS.readRun, args: z.tuple([fileName]) },
  writeRun: { channel: IPC_CHANNELS.writeRun, args: z.tuple([fileName, z.unknown()]) },
  scenariosStamp: { channel: IPC_CHANNELS.scenariosStamp, args: z.tuple([]) },
  saveFile: {
    channel: IPC_CHANNELS.saveFile,
    args: z.tuple([z.string().min(1).max(128), z.string().max(MAX_EXPORT_BYTES)]),
  },
  /** A run id only: main builds the trainee URL (<app page>#trainee=<id>) itself. */
  openTraineeWindow: {
    channel: IPC_CHANNELS.openTraineeWindow,
    args: z.tuple([z.string().regex(TRAINEE_RUN_ID)]),
  },
} as const satisfies ChannelMap;
