/**
 * Preload: exposes exactly one narrow, typed object (`window.outageLab`) to the renderer. No
 * ipcRenderer, no Node, no zod: each method forwards to its channel (electron/ipc-channels.ts),
 * typed by the channel map's types (`import type` only), and main validates every argument. The
 * one check here is size: a write larger than storage's limit is refused before it crosses IPC.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopApi } from '../host/desktop-api';
import { IPC_CHANNELS, IPC_METHODS, type IpcApi, type IpcMethod, type IpcResult } from './ipc-channels';
import { sizeRejection } from './ipc-size';

async function call(method: IpcMethod, args: unknown[]): Promise<unknown> {
  const tooLarge = sizeRejection(method, args);
  if (tooLarge) throw new Error(tooLarge);
  const result = (await ipcRenderer.invoke(IPC_CHANNELS[method], ...args)) as IpcResult<unknown>;
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

// Each method's arguments and result are typed by IpcApi; main validates them again.
const methods = Object.fromEntries(
  IPC_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
) as unknown as IpcApi;

const api: DesktopApi = { host: 'electron', ...methods };

contextBridge.exposeInMainWorld('outageLab', api);
