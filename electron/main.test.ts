/**
 * The main process against a mocked `electron` module (as Electron Fiddle tests its main
 * process): main.ts runs for real, with fakes for app, BrowserWindow, ipcMain, session, shell
 * and dialog that record what it registers, so each handler can be called as Electron would.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRunRecord } from '../simulator/runs/record';

type Handler = (
  event: unknown,
  ...args: unknown[]
) => Promise<{ ok: boolean; value?: unknown; error?: string }>;
type NavEvent = { url: string; isMainFrame?: boolean; preventDefault: () => void };

const fake = vi.hoisted(() => {
  const state = {
    dataDir: '',
    handlers: new Map<string, Handler>(),
    windows: [] as FakeWindowLike[],
    permissionRequest: undefined as
      undefined | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: undefined as undefined | ((...args: unknown[]) => boolean),
    /** What main called, in order: the scheme must be privileged before `ready`. */
    calls: [] as string[],
    privileged: [] as unknown[],
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    headersHook: undefined as
      | undefined
      | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void),
  };
  interface FakeWindowLike {
    options: unknown;
    loadedUrl: string;
    destroyed: boolean;
    focus: ReturnType<typeof vi.fn>;
    webContents: {
      emit(event: string, ...args: unknown[]): boolean;
      openHandler?: (d: { url: string }) => unknown;
    };
    close(): void;
  }
  return { state };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWebContents extends Emitter {
    openHandler?: (details: { url: string }) => unknown;
    readonly mainFrame = { url: '', parent: null, processId: 4, routingId: 1 };
    setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
      this.openHandler = handler;
    }
  }
  class BrowserWindow extends Emitter {
    static getFocusedWindow = () => null;
    static getAllWindows = () => fake.state.windows.filter((w) => !w.destroyed);
    readonly webContents = new FakeWebContents();
    loadedUrl = '';
    destroyed = false;
    readonly focus = vi.fn();
    constructor(readonly options: unknown) {
      super();
      fake.state.windows.push(this as never);
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
    }
    async loadFile(file: string, options?: { hash?: string }): Promise<void> {
      const { pathToFileURL: toUrl } = await import('node:url');
      await this.loadURL(`${toUrl(file).href}${options?.hash ? `#${options.hash}` : ''}`);
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    close(): void {
      this.destroyed = true;
      this.emit('closed');
    }
  }
  const electron = {
    app: {
      isPackaged: false,
      getVersion: () => '0.1.0-test',
      getPath: () => fake.state.dataDir,
      whenReady: () => {
        fake.state.calls.push('whenReady');
        return Promise.resolve();
      },
      on: vi.fn(),
      quit: vi.fn(),
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, handler: Handler) => fake.state.handlers.set(channel, handler) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        fake.state.calls.push('registerSchemesAsPrivileged');
        fake.state.privileged.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        fake.state.calls.push(`handle:${scheme}`);
        fake.state.protocols.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (hook: typeof fake.state.headersHook) => (fake.state.headersHook = hook),
        },
        setPermissionRequestHandler: (handler: typeof fake.state.permissionRequest) =>
          (fake.state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: typeof fake.state.permissionCheck) =>
          (fake.state.permissionCheck = handler),
      },
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    dialog: { showSaveDialog: vi.fn(async () => ({ canceled: true })) },
  };
  return { ...electron, default: electron };
});

const electron = await import('electron');
const openExternal = vi.mocked(electron.shell.openExternal);
const appPage = 'app://outage-lab/index.html';
/** Where the app was loaded from before app://: now just another file:// page. */
const oldFilePage = pathToFileURL(path.resolve(__dirname, '..', 'dist', 'index.html')).href;

interface FakeWindow {
  loadedUrl: string;
  destroyed: boolean;
  focus: ReturnType<typeof vi.fn>;
  close(): void;
  webContents: EventEmitter & {
    mainFrame: { url: string; parent: null; processId: number; routingId: number };
    openHandler?: (details: { url: string }) => unknown;
  };
}
const windows = () => fake.state.windows as unknown as FakeWindow[];
const mainWindow = () => windows()[0] as FakeWindow;

/** Calls `channel` as Electron would, from the main window's main frame unless `frame` says otherwise. */
function invoke(channel: string, args: unknown[], frame?: unknown) {
  const handler = fake.state.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const sender = mainWindow().webContents;
  return handler({ sender, senderFrame: frame === undefined ? sender.mainFrame : frame }, ...args);
}

function navEvent(url: string, isMainFrame = true): NavEvent & { prevented: boolean } {
  const event = {
    url,
    isMainFrame,
    prevented: false,
    preventDefault: () => {
      event.prevented = true;
    },
  };
  return event;
}

beforeAll(async () => {
  fake.state.dataDir = mkdtempSync(path.join(os.tmpdir(), 'outage-lab-main-'));
  await import('./main');
  await new Promise((resolve) => setTimeout(resolve, 0));
});

afterAll(() => rmSync(fake.state.dataDir, { recursive: true, force: true }));

beforeEach(() => openExternal.mockClear());

describe('main window', () => {
  it('loads exactly the app page, hardened', () => {
    expect(mainWindow().loadedUrl).toBe(appPage);
    const { webPreferences } = (
      windows()[0] as unknown as { options: { webPreferences: Record<string, unknown> } }
    ).options;
    expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });
});

describe('app:// protocol', () => {
  it('privileges the scheme before ready, as Electron requires, and serves it after', () => {
    expect(fake.state.calls.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'whenReady', 'handle:app']);
    expect(fake.state.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves dist/ only: no traversal to the app folder beside it, 404 for unknown files', async () => {
    const handle = fake.state.protocols.get('app')!;
    // package.json sits next to dist/ in the app folder.
    for (const url of [
      'app://outage-lab/../package.json',
      'app://outage-lab/..%2Fpackage.json',
      'app://outage-lab/%2e%2e%2fdist-electron%2fmain.cjs',
      'app://outage-lab/no-such-file.js',
    ]) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });
});

describe('IPC sender check', () => {
  it('answers the app page, with or without a hash', async () => {
    expect(await invoke('storage:info', [])).toMatchObject({ ok: true, value: { host: 'electron' } });
    const withHash = { url: `${appPage}#trainee=x`, parent: null };
    mainWindow().webContents.mainFrame.url = withHash.url;
    expect((await invoke('storage:info', [])).ok).toBe(true);
    mainWindow().webContents.mainFrame.url = appPage;
  });

  it('refuses a missing frame, a frame without URL, a subframe and any other page', async () => {
    const main = mainWindow().webContents.mainFrame;
    const refused = [null, { ...main, url: '' }, { url: appPage, parent: main, processId: 4, routingId: 7 }];
    for (const frame of refused) {
      const result = await invoke('storage:listRuns', [], frame);
      expect(result.ok, JSON.stringify(frame)).toBe(false);
      expect(result.error).toMatch(/^Refused: /);
    }
    // The main frame itself, showing anything but the app page (any file:// file included).
    for (const url of [
      oldFilePage,
      'app://outage-lab/other.html',
      'app://other/index.html',
      pathToFileURL(path.join(os.tmpdir(), 'index.html')).href,
      'file:///etc/passwd',
      `${appPage}?x=1`,
      'https://evil.example/',
    ]) {
      const result = await invoke('storage:listRuns', [], { ...main, url });
      expect(result, url).toEqual({
        ok: false,
        error: 'Refused: calls are only accepted from the app itself.',
      });
    }
    // A frame object that is not the sender's main frame, even with the right URL.
    const lookalike = await invoke('storage:listRuns', [], {
      url: appPage,
      parent: null,
      processId: 4,
      routingId: 2,
    });
    expect(lookalike).toMatchObject({ ok: false });
    // The same frame through another wrapper object (same process and routing id) is the app.
    const same = await invoke('storage:listRuns', [], {
      url: appPage,
      parent: null,
      processId: 4,
      routingId: 1,
    });
    expect(same).toMatchObject({ ok: true });
  });

  it('refuses bad arguments with the argument path', async () => {
    const result = await invoke('storage:readScenario', ['elsewhere', 'a.json']);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^Bad argument 0 for storage:readScenario/);
  });

  it('round-trips a run through the real storage', async () => {
    // Storage writes only valid run records.
    const record = startRunRecord({
      id: 'r1',
      scenarioId: 's',
      scenarioHash: 'h',
      scenarioTitle: 'S',
      seed: 3,
      startedAt: '2026-12-02T12:00:00.000Z',
    });
    expect(await invoke('storage:writeRun', ['r1.json', record])).toEqual({ ok: true, value: undefined });
    expect(await invoke('storage:readRun', ['r1.json'])).toMatchObject({
      ok: true,
      value: { data: { id: 'r1', seed: 3 } },
    });
  });

  it('keeps a newer save from another page over an older one sent later (last sent wins)', async () => {
    const record = (simTime: number, session: string, sentAt: number) => ({
      ...startRunRecord({
        id: 'r2',
        scenarioId: 's',
        scenarioHash: 'h',
        scenarioTitle: 'S',
        seed: 3,
        startedAt: '2026-12-02T12:00:00.000Z',
      }),
      simTime,
      saveOrder: { session, seq: 1, sentAt },
    });
    await invoke('storage:writeRun', ['r2.json', record(120, 'window-2', 2_000)]);
    await invoke('storage:writeRun', ['r2.json', record(60, 'window-1', 1_000)]);
    expect(await invoke('storage:readRun', ['r2.json'])).toMatchObject({
      ok: true,
      value: { data: { simTime: 120 } },
    });
  });

  it('refuses writes larger than storage’s limit in bytes before storage sees them', async () => {
    // Not a valid record either: storage would name the schema error; the size check comes first.
    const run = await invoke('storage:writeRun', ['big.json', { steps: ['x'.repeat(5 * 1024 * 1024)] }]);
    expect(run).toEqual({ ok: false, error: expect.stringMatching(/^The run record is larger than 5 MiB/) });
    // 3 Mi characters, 6 MiB of UTF-8.
    const scenario = await invoke('storage:writeScenario', ['big.json', 'é'.repeat(3 * 1024 * 1024)]);
    expect(scenario).toEqual({
      ok: false,
      error: expect.stringMatching(/^The scenario is larger than 5 MiB/),
    });
  });

  it('puts the scenario and drill JSON Schemas beside the first scenario saved (VS Code completion)', async () => {
    // A valid scenario (storage validates what it writes): a built-in with another id.
    const scenarios = path.resolve(__dirname, '..', 'scenarios');
    const text = readFileSync(path.join(scenarios, 'redis-queue-fills.json'), 'utf8').replace(
      /"id": "[^"]+"/,
      '"id": "mine"',
    );
    expect(await invoke('storage:writeScenario', ['mine.json', text])).toMatchObject({ ok: true });
    const userDir = path.join(fake.state.dataDir, 'scenarios');
    const copy = (file: string) => readFileSync(path.join(userDir, file), 'utf8');
    expect(copy('scenario.schema.json')).toBe(
      readFileSync(path.join(scenarios, 'scenario.schema.json'), 'utf8'),
    );
    expect(copy('drill.schema.json')).toBe(
      readFileSync(path.join(scenarios, 'drills', 'drill.schema.json'), 'utf8'),
    );
    // A drill copied from the built-ins names it as its schema.
    const drill = JSON.parse(
      readFileSync(path.join(scenarios, 'drills', 'checkout-before-sale.json'), 'utf8'),
    ) as { $schema?: string };
    expect(drill.$schema).toBe('./drill.schema.json');
  });

  it('answers a cancelled save dialog with false', async () => {
    expect(await invoke('dialog:saveFile', ['run.json', '{}'])).toEqual({ ok: true, value: false });
  });
});

describe('permissions and CSP', () => {
  it('denies every permission request and check', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      fake.state.permissionRequest?.(mainWindow().webContents, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(fake.state.permissionCheck?.(mainWindow().webContents, permission, 'file://', {})).toBe(false);
    }
  });

  it('sends the production policy, without the dev server socket', () => {
    let headers: Record<string, string[]> = {};
    fake.state.headersHook?.({ responseHeaders: { a: ['b'] } }, (response) => {
      headers = (response as { responseHeaders: Record<string, string[]> }).responseHeaders;
    });
    const [policy] = headers['Content-Security-Policy'] ?? [];
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('ws:');
    expect(headers.a).toEqual(['b']);
  });
});

describe('navigation', () => {
  it('keeps the window on the app page and sends http(s) links to the system browser', () => {
    const contents = mainWindow().webContents;
    const external = navEvent('https://runbooks.example/db');
    contents.emit('will-navigate', external);
    expect(external.prevented).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://runbooks.example/db');

    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url']) {
      const event = navEvent(url);
      contents.emit('will-navigate', event);
      expect(event.prevented, url).toBe(true);
    }
    expect(openExternal).toHaveBeenCalledTimes(1);

    const home = navEvent(`${appPage}#trainee=x`);
    contents.emit('will-navigate', home);
    expect(home.prevented).toBe(false);
  });

  it('refuses every subframe navigation and redirects away', () => {
    const contents = mainWindow().webContents;
    const subframe = navEvent(appPage, false);
    contents.emit('will-frame-navigate', subframe);
    expect(subframe.prevented).toBe(true);
    const mainFrame = navEvent(appPage, true);
    contents.emit('will-frame-navigate', mainFrame);
    expect(mainFrame.prevented).toBe(false);
    const redirect = navEvent('https://evil.example/');
    contents.emit('will-redirect', redirect);
    expect(redirect.prevented).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('denies popups, opening only http(s) links outside', () => {
    const open = mainWindow().webContents.openHandler;
    expect(open?.({ url: 'https://example.com/x' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'mailto:a@b.c' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/x']]);
  });
});

describe('trainee windows', () => {
  it('opens one per run, focuses it when asked again, and caps them at 8', async () => {
    const before = windows().length;
    expect(await invoke('window:openTrainee', ['run-1'])).toEqual({ ok: true, value: undefined });
    const first = windows()[before] as FakeWindow;
    expect(first.loadedUrl).toBe(`${appPage}#trainee=run-1`);
    await invoke('window:openTrainee', ['run-1']);
    expect(windows().length).toBe(before + 1);
    expect(first.focus).toHaveBeenCalled();

    for (let i = 2; i <= 8; i += 1) expect((await invoke('window:openTrainee', [`run-${i}`])).ok).toBe(true);
    const ninth = await invoke('window:openTrainee', ['run-9']);
    expect(ninth).toEqual({
      ok: false,
      error: 'At most 8 trainee windows can be open at once; close one to open another.',
    });
    expect(windows().length).toBe(before + 8);

    first.close();
    expect((await invoke('window:openTrainee', ['run-9'])).ok).toBe(true);
  });

  it('refuses anything but a run id', async () => {
    const result = await invoke('window:openTrainee', ['https://evil.example/']);
    expect(result.ok).toBe(false);
  });
});
