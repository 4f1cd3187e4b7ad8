/**
 * The app's own page: the one URL allowed to call IPC and to stay loaded in a window. Packaged,
 * that is `app://outage-lab/index.html` (electron/app-protocol.ts serves dist/ there); in
 * development it may be the Vite dev server.
 */
import { APP_PAGE } from './app-protocol';

/** The page URL without hash; `devServerUrl` is honoured only when the app is not packaged. */
export function appPageUrl(devServerUrl?: string): string {
  if (devServerUrl) {
    const url = new URL(devServerUrl);
    if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
      throw new Error(`The dev server URL must be http on loopback, not ${devServerUrl}.`);
    }
    url.hash = '';
    return url.href;
  }
  return APP_PAGE;
}

/** True when `url` is exactly the app page (the hash may differ: trainee views use it). */
export function isAppPage(url: string, appPage: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  parsed.hash = '';
  return parsed.href === new URL(appPage).href;
}

/** Only http(s) links may leave the app, and only to the system browser. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
