import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioFile } from '../../host/api';
import { BUILTIN_DRILLS } from './drill-library';
import { useDrillStore } from './drill-store';
import { validateLibraryText } from './library-drill-check';
import { toEntries, useLibraryStore } from './library-store';

/** A built-in drill saved under another id and title, as a user would copy one. */
function userDrillText(): string {
  const json = JSON.parse(BUILTIN_DRILLS[0]!.text) as Record<string, unknown>;
  return JSON.stringify({ ...json, id: 'my-sale', title: 'My sale' }, null, 2);
}

const BROKEN = '{"kind": "drill", "id": "x", "peak": {"clients": "lots"}}';
const user = (file: string, text: string): ScenarioFile => ({ source: 'user', file, text, modifiedMs: 0 });

afterEach(() => {
  useDrillStore.getState().close();
  useLibraryStore.setState({ entries: [] });
});

describe('a drill in the user folder', () => {
  it('is validated with the drill validator: valid, or errors with JSON paths', () => {
    const valid = validateLibraryText(userDrillText(), 'mine.json');
    expect(valid).toMatchObject({ kind: 'drill', ok: true, drill: { id: 'my-sale', title: 'My sale' } });

    const broken = validateLibraryText(BROKEN, 'broken.json');
    expect(broken).toMatchObject({ kind: 'drill', ok: false });
    const paths = broken.ok ? [] : broken.errors.map((e) => e.path);
    expect(paths).toContain('peak.clients');
    expect(paths).not.toContain('kind'); // no longer "this is not a scenario"

    // An incident scenario is still an incident scenario.
    const scenario = validateLibraryText('{"schemaVersion": 1, "id": "x"}', 'x.json');
    expect(scenario).not.toHaveProperty('kind');
    expect(validateLibraryText('{"kind": "drill"', 'x.json').ok).toBe(false);
  });

  it('becomes a drill entry of the library, next to the user scenarios', async () => {
    const entries = await toEntries([user('mine.json', userDrillText()), user('broken.json', BROKEN)]);
    expect(entries.map((e) => [e.key, e.kind, e.drill?.id, e.scenario, e.errors.length > 0])).toEqual([
      ['user/mine.json', 'drill', 'my-sale', undefined, false],
      ['user/broken.json', 'drill', undefined, undefined, true],
    ]);
  });

  it('opens in the drill store and runs a load test', async () => {
    useLibraryStore.setState({
      entries: await toEntries([user('mine.json', userDrillText()), user('broken.json', BROKEN)]),
    });
    const drills = useDrillStore.getState();
    drills.open({ source: 'user', file: 'broken.json' });
    expect(useDrillStore.getState().drill).toBeUndefined();
    drills.open({ source: 'builtin', file: 'mine.json' }); // a user file is not a built-in
    expect(useDrillStore.getState().drill).toBeUndefined();

    drills.open({ source: 'user', file: 'mine.json' });
    const opened = useDrillStore.getState();
    expect(opened.drill?.id).toBe('my-sale');
    expect(opened.text).toBe(userDrillText());
    await opened.runTest();
    const log = useDrillStore.getState().log;
    expect(log.map((e) => e.kind)).toEqual(['test']);
    expect(useDrillStore.getState().session!.clock).toBeGreaterThan(0);
  });
});
