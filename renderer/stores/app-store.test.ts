/**
 * A locked trainee tab (issue 14 item 6): only the console of the instructor's run and its
 * debrief until the instructor unlocks it; no library (briefings start runs as instructor and
 * open scenario files), no history, no editor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LOCKED_VIEWS, useAppStore, VIEWS } from './app-store';

afterEach(() => useAppStore.setState({ view: 'library', locked: false, briefing: false, drill: undefined }));

describe('the locked trainee view', () => {
  it('refuses every view but the console and the debrief, and every way into a scenario', () => {
    useAppStore.setState({ view: 'incident', locked: true });
    const app = useAppStore.getState();
    expect(VIEWS.filter((v) => !LOCKED_VIEWS.includes(v))).toEqual(['library', 'history', 'editor']);
    app.go('debrief');
    expect(useAppStore.getState().view).toBe('debrief');
    app.go('incident');
    for (const view of ['library', 'history', 'editor'] as const) {
      app.go(view);
      expect(useAppStore.getState().view, view).toBe('incident');
    }
    app.open({ source: 'builtin', file: 'thread-exhaustion.json' });
    app.openDrill({ source: 'builtin', file: 'checkout-before-sale.json' });
    expect(useAppStore.getState()).toMatchObject({ view: 'incident', briefing: false, drill: undefined });
    expect(useAppStore.getState().current).toBeUndefined();
  });

  it('the instructor unlocks it: the whole app is reachable', () => {
    useAppStore.setState({ view: 'incident', locked: true });
    useAppStore.getState().unlock();
    useAppStore.getState().go('editor');
    expect(useAppStore.getState().view).toBe('editor');
  });
});

describe('opening a drill', () => {
  it('shows it over the view it came from: History stays History, anything else is the library', () => {
    const ref = { source: 'builtin', file: 'checkout-before-sale.json' } as const;
    useAppStore.getState().go('history');
    useAppStore.getState().openDrill(ref);
    expect(useAppStore.getState()).toMatchObject({ view: 'history', drill: ref });
    useAppStore.getState().go('history'); // "Back to History"
    expect(useAppStore.getState()).toMatchObject({ view: 'history', drill: undefined });
    useAppStore.getState().go('editor');
    useAppStore.getState().openDrill(ref);
    expect(useAppStore.getState()).toMatchObject({ view: 'library', drill: ref });
  });
});
