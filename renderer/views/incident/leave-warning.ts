import { useEffect } from 'react';

/**
 * While an incident runs, leaving the page (a reload, a typed URL, closing the tab) asks first: the
 * run resumes from History, but the trainee's flow and the live session are lost.
 */
export function useLeaveWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}
