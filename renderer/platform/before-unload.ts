/**
 * Makes leaving the page (a reload, a typed URL, closing the tab) ask first; returns the function
 * that stops asking. Each caller adds its own listener, so one stopping leaves the others.
 */
export function askBeforeLeaving(): () => void {
  const warn = (e: BeforeUnloadEvent) => {
    e.preventDefault();
    e.returnValue = '';
  };
  window.addEventListener('beforeunload', warn);
  return () => window.removeEventListener('beforeunload', warn);
}
