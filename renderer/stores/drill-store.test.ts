import { describe, expect, it } from 'vitest';
import { BUILTIN_DRILLS } from './drill-library';
import { readTest, useDrillStore } from './drill-store';

const store = () => useDrillStore.getState();

describe('the drill store', () => {
  it('lists the three built-in drills, valid', () => {
    expect(BUILTIN_DRILLS.map((d) => [d.file, d.error])).toEqual([
      ['checkout-before-sale.json', undefined],
      ['log-pipeline-cost.json', undefined],
      ['otp-sms-login-surge.json', undefined],
    ]);
  });

  it('reads a written test, or says where it is wrong', () => {
    const drill = BUILTIN_DRILLS[0]!.drill!;
    expect(readTest('{', drill)).toMatch(/^The test is not valid JSON/);
    expect(readTest('{"name": "x", "stages": []}', drill)).toMatch(/^stages: /);
    expect(
      readTest(
        '{"name": "x", "stages": [{"duration": "1m", "target": 5}], "thresholds": {"http_reqs": ["p(9)<1"]}}',
        drill,
      ),
    ).toMatch(/^thresholds\.http_reqs\[0\]: http_reqs has no aggregation/);
    expect(
      readTest('{"name": "x", "client": "checkout", "stages": [{"duration": "1m", "target": 5}]}', drill),
    ).toMatch(/^client: 'checkout' is not a client with a peak/);
    expect(readTest('{"name": "x", "stages": [{"duration": "1m", "target": 5}]}', drill)).toMatchObject({
      name: 'x',
    });
  });

  it('plays a drill: a test, a change, a wait, the peak, then the ideal answer', async () => {
    store().open({ source: 'builtin', file: 'otp-sms-login-surge.json' });
    expect(store().testText).toContain('"name": "ramp-to-4x"');
    const running = store().runTest();
    // The run is off the UI thread: until it is logged, every other step waits.
    expect(store().testing).toEqual({ name: 'ramp-to-4x', progress: 0 });
    store().change(2);
    store().wait(3600);
    store().finish();
    void store().runTest();
    expect(store().session!.clock).toBe(0);
    await running;
    expect(store().testing).toBeUndefined();
    expect(store().log.map((e) => e.kind)).toEqual(['test']);
    expect(store().session!.clock).toBe(15 * 60 + 3600);
    expect(store().shown).toBe(0);
    store().change(2); // more sender threads
    store().wait(3600);
    expect(store().session!.clock).toBe(15 * 60 + 3600 + 3600);
    store().setTestText('not json');
    await store().runTest();
    expect(store().testError).toMatch(/not valid JSON/);
    store().finish();
    expect(store().debrief!.headroom).toBeGreaterThanOrEqual(3);
    await store().runTest(); // over: nothing more runs
    expect(store().log).toHaveLength(2);
    await expect.poll(() => store().ideal).toMatchObject({ reachesGoal: true, withinBudget: true });
  });
});
