import { useEffect } from 'react';
import { askBeforeLeaving } from '../../platform/before-unload';

/**
 * While an incident runs, leaving the page asks first: the run resumes from History, but the
 * trainee's flow and the live session are lost. (Unsaved runs ask too: pending-saves-store.)
 */
export function useLeaveWarning(active: boolean): void {
  useEffect(() => (active ? askBeforeLeaving() : undefined), [active]);
}
