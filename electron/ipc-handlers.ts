/**
 * Registers one ipcMain handler per entry of the channel map: check the sender, validate the
 * arguments with the entry's schema, run the handler, and answer with a plain-sentence envelope.
 */
import type { IpcMain } from 'electron';
import { StorageError } from '../host/api';
import { IPC_METHODS, ipcContract, type IpcHandlers, type IpcResult } from './ipc-contract';
import { senderRejection } from './ipc-sender';
import { sizeRejection } from './ipc-size';

export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: IpcHandlers,
  appPage: string,
): void {
  for (const method of IPC_METHODS) {
    const { channel, args: schema } = ipcContract[method];
    // The schema guarantees the argument tuple the handler's signature names.
    const handler = handlers[method] as (...args: unknown[]) => Promise<unknown>;
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<IpcResult<unknown>> => {
      const refused = senderRejection(event, appPage);
      if (refused) return { ok: false, error: refused };
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
          ok: false,
          error: `Bad argument ${issue?.path.join('.') ?? ''} for ${channel}: ${issue?.message ?? 'invalid'}.`,
        };
      }
      // The preload refused this already; a page that called ipcRenderer itself meets it here.
      const tooLarge = sizeRejection(method, parsed.data as unknown[]);
      if (tooLarge) return { ok: false, error: tooLarge };
      try {
        return { ok: true, value: await handler(...(parsed.data as unknown[])) };
      } catch (error) {
        return {
          ok: false,
          error: error instanceof StorageError ? error.message : `${channel} failed: ${String(error)}`,
        };
      }
    });
  }
}
