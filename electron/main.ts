/**
 * Electron main process: hardened windows showing only the app page (app://outage-lab/, served
 * from dist/ by electron/app-protocol.ts), the storage API over validated IPC. contextIsolation + sandbox, no nodeIntegration, strict CSP, every permission
 * denied, navigation and popups refused (http(s) links go to the system browser). The extra
 * windows are instructor mode's trainee views, opened by main itself (IPC openTraineeWindow, a
 * validated run id) with the same settings, at most MAX_TRAINEE_WINDOWS of them.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { traineeHash } from '../host/desktop-api';
import { createStorage } from '../host/storage/storage';
import { contentSecurityPolicy } from '../host/web/csp-variants';
import { appPageUrl } from './app-page';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';
import { registerIpcHandlers } from './ipc-handlers';
import { denyAllPermissions } from './permissions';
import { TraineeWindows } from './trainee-windows';
import { guardNavigation } from './window-guards';

const appRoot = path.resolve(__dirname, '..');
const builtinScenarioDir = app.isPackaged
  ? path.join(process.resourcesPath, 'scenarios')
  : path.join(appRoot, 'scenarios');
// `OUTAGE_LAB_DEV_SERVER_URL` (unpackaged only) loads the Vite dev server instead of dist/.
const devServerUrl = app.isPackaged ? undefined : process.env.OUTAGE_LAB_DEV_SERVER_URL || undefined;
const appPage = appPageUrl(devServerUrl);

// Before `ready`, as Electron requires: app:// is the app's own origin (electron/app-protocol.ts).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const traineeWindows = new TraineeWindows((runId) => createWindow(traineeHash(runId)));

function registerIpc(): void {
  const storage = createStorage({
    host: 'electron',
    version: app.getVersion(),
    builtinScenarioDir,
    dataDir: app.getPath('userData'),
  });
  registerIpcHandlers(
    ipcMain,
    {
      info: () => storage.info(),
      listScenarios: () => storage.listScenarios(),
      readScenario: (source, file) => storage.readScenario(source, file),
      writeScenario: (file, text) => storage.writeScenario(file, text),
      listRuns: () => storage.listRuns(),
      readRun: (file) => storage.readRun(file),
      writeRun: (file, data) => storage.writeRun(file, data),
      scenariosStamp: () => storage.scenariosStamp(),
      saveFile: async (suggestedName, content) => {
        const window = BrowserWindow.getFocusedWindow();
        const options = { defaultPath: path.basename(suggestedName) };
        const result = window
          ? await dialog.showSaveDialog(window, options)
          : await dialog.showSaveDialog(options);
        if (result.canceled || !result.filePath) return false;
        await fs.writeFile(result.filePath, content, 'utf8');
        return true;
      },
      openTraineeWindow: async (runId) => traineeWindows.show(runId),
    },
    appPage,
  );
}

/** A hardened app window; `hash` (instructor mode) opens the trainee view of a run. */
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
      webviewTag: false,
    },
  });
  guardNavigation(window.webContents, appPage, (url) => shell.openExternal(url));
  void window.loadURL(hash ? `${appPage}#${hash}` : appPage);
  return window;
}

void app.whenReady().then(() => {
  const policy = contentSecurityPolicy({ dev: devServerUrl !== undefined });
  // Only the packaged dist/ directory, with the production policy on every response.
  protocol.handle(APP_SCHEME, appProtocolHandler(path.join(appRoot, 'dist'), contentSecurityPolicy()));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  denyAllPermissions(session.defaultSession);
  registerIpc();
  createWindow(undefined);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(undefined);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
