/**
 * The host API as the renderer sees it. The types and helpers live in host/desktop-api.ts (shared
 * with electron/); this module re-exports them and declares the preload's `window.outageLab`.
 */
import type { DesktopApi } from '../../host/desktop-api';

export { TRAINEE_RUN_ID, traineeHash, traineeRunIdFromHash, type DesktopApi } from '../../host/desktop-api';

declare global {
  interface Window {
    outageLab?: DesktopApi;
  }
}
