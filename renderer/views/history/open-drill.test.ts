import { describe, expect, it } from 'vitest';
import { hashScenario } from '../../../simulator/runs/hash';
import { BUILTIN_DRILLS } from '../../stores/drill-library';
import type { LibraryEntry } from '../../stores/library-store';
import { drillOpenPlan } from './open-drill';

const builtin = BUILTIN_DRILLS.find((d) => d.file === 'checkout-before-sale.json')!;
const drill = builtin.drill!;
const record = { drillId: drill.id, drillHash: hashScenario(builtin.text), drillTitle: drill.title };
const userEntry = (file: string, text: string, id = drill.id): LibraryEntry => ({
  key: `user/${file}`,
  source: 'user',
  file,
  text,
  kind: 'drill',
  drill: { ...drill, id },
  errors: [],
});

describe('drillOpenPlan', () => {
  it('opens the built-in drill a record was played on', () => {
    expect(drillOpenPlan(record, BUILTIN_DRILLS, [])).toEqual({
      ok: true,
      ref: { source: 'builtin', file: 'checkout-before-sale.json' },
    });
  });

  it("opens a user drill by id, the one with the record's content first", () => {
    const text = '{"kind": "drill", "id": "mine"}';
    const mine = { drillId: 'mine', drillHash: hashScenario(text), drillTitle: 'Mine' };
    const entries = [userEntry('old.json', '{"edited": true}', 'mine'), userEntry('mine.json', text, 'mine')];
    expect(drillOpenPlan(mine, BUILTIN_DRILLS, entries)).toEqual({
      ok: true,
      ref: { source: 'user', file: 'mine.json' },
    });
    // A user copy that kept a built-in's id does not hide the built-in it was played on.
    expect(drillOpenPlan(record, BUILTIN_DRILLS, [userEntry('copy.json', text)])).toMatchObject({
      ref: { source: 'builtin' },
    });
  });

  it('warns when the drill file changed since, and opens it as it is now', () => {
    const plan = drillOpenPlan({ ...record, drillHash: 'other' }, BUILTIN_DRILLS, []);
    expect(plan).toMatchObject({ ok: true, ref: { source: 'builtin', file: 'checkout-before-sale.json' } });
    expect(plan.ok && plan.warning).toBe(
      'The drill file checkout-before-sale.json changed since this drill was played; it opens as it is now.',
    );
  });

  it('says so when no drill has the id any more (a scenario or invalid file with it does not count)', () => {
    const gone = { drillId: 'my-old-drill', drillHash: 'h', drillTitle: 'My old drill' };
    const invalid: LibraryEntry = {
      key: 'user/my-old-drill.json',
      source: 'user',
      file: 'my-old-drill.json',
      text: '{}',
      kind: 'drill',
      errors: [{ path: 'peak', message: 'Required' }],
    };
    expect(drillOpenPlan(gone, BUILTIN_DRILLS, [invalid])).toEqual({
      ok: false,
      reason:
        'The drill “My old drill” (my-old-drill) is not in the library any more: no built-in drill and no valid drill in your scenario folder has that id.',
    });
  });
});
