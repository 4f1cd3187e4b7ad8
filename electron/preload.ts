/**
 * Preload: exposes exactly one narrow, typed object (`window.outageLab`) to the renderer, built
 * from the channel map. No ipcRenderer, no Node: each method forwards to one validated channel.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopApi } from '../host/desktop-api';
import { IPC_METHODS, ipcContract, type IpcApi, type IpcResult } from './ipc-contract';

async function call(channel: string, args: unknown[]): Promise<unknown> {
  const result = (await ipcRenderer.invoke(channel, ...args)) as IpcResult<unknown>;
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

// Each method's arguments and result are typed by IpcApi; main validates them again.
const methods = Object.fromEntries(
  IPC_METHODS.map((method) => [method, (...args: unknown[]) => call(ipcContract[method].channel, args)]),
) as unknown as IpcApi;

const api: DesktopApi = { host: 'electron', ...methods };

contextBridge.exposeInMainWorld('outageLab', api);
