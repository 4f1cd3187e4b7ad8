/**
 * Navigation and popup policy for every app window: nothing but the app page loads in it, no
 * frame inside it navigates, and http(s) links open in the system browser instead.
 */
import type { WebContents } from 'electron';
import { isAppPage, isExternalWebUrl } from './app-page';

export function guardNavigation(
  contents: WebContents,
  appPage: string,
  openExternal: (url: string) => Promise<void>,
): void {
  const openOutside = (url: string): void => {
    if (isExternalWebUrl(url)) void openExternal(url).catch(() => undefined);
  };
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppPage(event.url, appPage)) return;
    event.preventDefault();
    openOutside(event.url);
  });
  // Subframes (an iframe in rendered Markdown, say) may not navigate anywhere.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame && isAppPage(event.url, appPage)) return;
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppPage(event.url, appPage)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
