/**
 * Preload: exposes exactly one narrow, typed object (`window.outageLab`) to the renderer.
 * No ipcRenderer, no Node: each method forwards to one validated channel in main.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopApi } from '../renderer/platform/desktop-api';
import { IPC, type IpcResult } from './ipc-contract';

async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const result = (await ipcRenderer.invoke(channel, ...args)) as IpcResult<T>;
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const api: DesktopApi = {
  host: 'electron',
  info: () => call(IPC.info),
  listScenarios: () => call(IPC.listScenarios),
  readScenario: (source, file) => call(IPC.readScenario, source, file),
  writeScenario: (file, text) => call(IPC.writeScenario, file, text),
  listRuns: () => call(IPC.listRuns),
  readRun: (file) => call(IPC.readRun, file),
  writeRun: (file, data) => call(IPC.writeRun, file, data),
  scenariosStamp: () => call(IPC.scenariosStamp),
  saveFile: (name, content) => call(IPC.saveFile, name, content),
  openTraineeWindow: (runId) => call(IPC.openTraineeWindow, runId),
};

contextBridge.exposeInMainWorld('outageLab', api);
