/** The host API over HTTP JSON, for web mode (`npm run web`). Mirrors the Electron preload. */
import { API_TOKEN_HEADER, TOKEN_META_NAME } from '../../host/api';
import { TRAINEE_RUN_ID, traineeHash, type DesktopApi } from './desktop-api';

/** The per-launch API token the server put into the page (absent only if the page did not come from it). */
function apiToken(): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META_NAME}"]`)?.content ?? '';
}

async function request<T>(method: 'GET' | 'PUT', path: string, body?: string): Promise<T> {
  const headers: Record<string, string> = { [API_TOKEN_HEADER]: apiToken() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/${path}`, { method, body, headers });
  const data = (await response
    .json()
    .catch(() => ({ error: `The server answered ${response.status}.` }))) as unknown;
  if (!response.ok)
    throw new Error((data as { error?: string }).error ?? `The server answered ${response.status}.`);
  return data as T;
}

const enc = encodeURIComponent;

export const webApi: DesktopApi = {
  host: 'web',
  info: () => request('GET', 'info'),
  listScenarios: () => request('GET', 'scenarios'),
  readScenario: (source, file) => request('GET', `scenarios/${enc(source)}/${enc(file)}`),
  writeScenario: async (file, text) => {
    await request('PUT', `scenarios/user/${enc(file)}`, text);
  },
  listRuns: () => request('GET', 'runs'),
  readRun: (file) => request('GET', `runs/${enc(file)}`),
  writeRun: async (file, data) => {
    await request('PUT', `runs/${enc(file)}`, JSON.stringify(data));
  },
  scenariosStamp: () => request('GET', 'scenarios/stamp'),
  saveFile: async (name, content) => {
    const url = URL.createObjectURL(new Blob([content], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    return true;
  },
  openTraineeWindow: async (runId) => {
    if (!TRAINEE_RUN_ID.test(runId)) throw new Error('That is not a run id.');
    const url = `${window.location.origin}${window.location.pathname}#${traineeHash(runId)}`;
    window.open(url, '_blank', 'noopener');
  },
};

/**
 * This page's save session. Storage ignores a run save sent before the stored one
 * (RunRecord.saveOrder: by number within a session, by send time across sessions), so of
 * several saves in flight the last one sent wins.
 */
const SAVE_SESSION = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
  b.toString(16).padStart(2, '0'),
).join('');
let saveSeq = 0;

/** `data` with a fresh saveOrder: this page's session, the next number and the time now. */
export function stampSaveOrder<T>(data: T): T {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  saveSeq += 1;
  return { ...data, saveOrder: { session: SAVE_SESSION, seq: saveSeq, sentAt: Date.now() } };
}

/** The host's API as it is: the Electron preload or HTTP. */
export function platformApi(): DesktopApi {
  return window.outageLab ?? webApi;
}

const ordered = new WeakMap<DesktopApi, DesktopApi>();

/** The host's API with run saves stamped in the order they are sent. */
export function hostApi(): DesktopApi {
  const api = platformApi();
  let wrapped = ordered.get(api);
  if (!wrapped) {
    wrapped = { ...api, writeRun: (file, data) => api.writeRun(file, stampSaveOrder(data)) };
    ordered.set(api, wrapped);
  }
  return wrapped;
}
