/**
 * Electron main process: one hardened window, the storage API over validated IPC.
 * contextIsolation + sandbox, no nodeIntegration, strict CSP, navigation and popups denied.
 * The one extra window is the instructor-mode trainee view, opened by main itself (IPC
 * openTraineeWindow, a validated run id) with the same hardened settings.
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StorageError } from '../host/api';
import { createStorage } from '../host/storage/storage';
import { CONTENT_SECURITY_POLICY } from '../host/web/csp';
import { traineeHash } from '../renderer/platform/desktop-api';
import { IPC, ipcArgs, type IpcResult } from './ipc-contract';

const appRoot = path.resolve(__dirname, '..');
const builtinScenarioDir = app.isPackaged
  ? path.join(process.resourcesPath, 'scenarios')
  : path.join(appRoot, 'scenarios');

function registerIpc(): void {
  const storage = createStorage({
    host: 'electron',
    version: app.getVersion(),
    builtinScenarioDir,
    dataDir: app.getPath('userData'),
  });
  const handlers: Record<string, (...args: never[]) => Promise<unknown>> = {
    [IPC.info]: () => storage.info(),
    [IPC.listScenarios]: () => storage.listScenarios(),
    [IPC.readScenario]: (source: 'builtin' | 'user', file: string) => storage.readScenario(source, file),
    [IPC.writeScenario]: (file: string, text: string) => storage.writeScenario(file, text),
    [IPC.listRuns]: () => storage.listRuns(),
    [IPC.readRun]: (file: string) => storage.readRun(file),
    [IPC.writeRun]: (file: string, data: unknown) => storage.writeRun(file, data),
    [IPC.scenariosStamp]: () => storage.scenariosStamp(),
    [IPC.saveFile]: async (suggestedName: string, content: string) => {
      const window = BrowserWindow.getFocusedWindow();
      const options = { defaultPath: path.basename(suggestedName) };
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return false;
      await fs.writeFile(result.filePath, content, 'utf8');
      return true;
    },
    [IPC.openTraineeWindow]: async (runId: string) => {
      // One trainee window per run: asking again brings it to the front.
      const open = traineeWindows.get(runId);
      if (open && !open.isDestroyed()) return open.focus();
      const window = createWindow(traineeHash(runId));
      traineeWindows.set(runId, window);
      window.on('closed', () => traineeWindows.delete(runId));
    },
  };
  for (const [channel, handler] of Object.entries(handlers)) {
    const schema = ipcArgs[channel as keyof typeof ipcArgs];
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<IpcResult<unknown>> => {
      if (event.senderFrame?.url && !event.senderFrame.url.startsWith('file://')) {
        return { ok: false, error: 'Storage calls are only accepted from the app itself.' };
      }
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
          ok: false,
          error: `Bad argument ${issue?.path.join('.') ?? ''} for ${channel}: ${issue?.message ?? 'invalid'}.`,
        };
      }
      try {
        return { ok: true, value: await handler(...(parsed.data as never[])) };
      } catch (error) {
        return {
          ok: false,
          error: error instanceof StorageError ? error.message : `${channel} failed: ${String(error)}`,
        };
      }
    });
  }
}

/** A hardened app window; `hash` (instructor mode) opens the trainee view of a run. */
const traineeWindows = new Map<string, BrowserWindow>();

function createWindow(hash?: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1200,
    minHeight: 720,
    backgroundColor: '#0f1115',
    title: hash ? 'Outage Lab: trainee view' : 'Outage Lab',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  void window.loadFile(path.join(appRoot, 'dist', 'index.html'), hash ? { hash } : undefined);
  return window;
}

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  registerIpc();
  createWindow(undefined);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(undefined);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
