/**
 * IPC channel names and argument schemas, shared by main (which validates) and preload (which
 * forwards). Every argument that crosses from the renderer is checked here before use.
 */
import { z } from 'zod';
import { TRAINEE_RUN_ID } from '../renderer/platform/desktop-api';

export const IPC = {
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
} as const;

const fileName = z.string().min(1).max(128);
export const ipcArgs = {
  [IPC.info]: z.tuple([]),
  [IPC.listScenarios]: z.tuple([]),
  [IPC.readScenario]: z.tuple([z.enum(['builtin', 'user']), fileName]),
  [IPC.writeScenario]: z.tuple([fileName, z.string().max(5 * 1024 * 1024)]),
  [IPC.listRuns]: z.tuple([]),
  [IPC.readRun]: z.tuple([fileName]),
  [IPC.writeRun]: z.tuple([fileName, z.unknown()]),
  [IPC.scenariosStamp]: z.tuple([]),
  [IPC.saveFile]: z.tuple([z.string().min(1).max(128), z.string().max(50 * 1024 * 1024)]),
  /** A run id only: main builds the URL (dist/index.html#trainee=<id>) itself. */
  [IPC.openTraineeWindow]: z.tuple([z.string().regex(TRAINEE_RUN_ID)]),
} as const;

/** Result envelope: errors cross IPC as a plain sentence rather than a thrown object. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };
