/**
 * Who may call IPC: the main frame of a window showing the app's own page, nothing else. A call
 * with no frame (it navigated or was destroyed), a frame without URL, a subframe, or any other
 * page (another file:// file included) is refused.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { isAppPage } from './app-page';

export type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>;

/** Why the call is refused, or undefined when the sender is the app itself. */
export function senderRejection(event: SenderEvent, appPage: string): string | undefined {
  try {
    const frame = event.senderFrame;
    if (!frame) return 'Refused: the calling page is gone.';
    if (!frame.url) return 'Refused: the calling page has no address.';
    const main = event.sender.mainFrame;
    // Same frame: the cached WebFrameMain object, or failing that the same process and routing id.
    const isMain =
      frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
    if (frame.parent !== null || !isMain) {
      return 'Refused: only the app window itself may call this, not an embedded frame.';
    }
    if (!isAppPage(frame.url, appPage)) return 'Refused: calls are only accepted from the app itself.';
    return undefined;
  } catch {
    // A frame disposed mid-call throws on access: treat it like a missing frame.
    return 'Refused: the calling page is gone.';
  }
}
