/**
 * The store's `version`, throttled for charts: a panel redraws at most every `intervalMs`, and
 * not at all while scrolled out of view. Snapshots arrive at up to 10 Hz; a dashboard of a dozen
 * Recharts panels cannot redraw that often on a modest machine, and does not need to.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useIncidentStore } from '../../../stores/incident-store';

export function useChartVersion(ref: RefObject<Element | null>, intervalMs = 500): number {
  const [shown, setShown] = useState(() => useIncidentStore.getState().version);
  const visible = useRef(true);

  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => {
      visible.current = entry?.isIntersecting ?? true;
      if (visible.current) setShown(useIncidentStore.getState().version);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);

  useEffect(() => {
    // A random phase per chart spreads the redraws of a dashboard over different frames, so no
    // single task redraws every panel at once.
    let last = Date.now() - Math.random() * intervalMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useIncidentStore.subscribe((state, previous) => {
      if (state.version === previous.version || timer) return;
      const wait = Math.max(0, last + intervalMs - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        if (visible.current) setShown(useIncidentStore.getState().version);
      }, wait);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [intervalMs]);

  return shown;
}
