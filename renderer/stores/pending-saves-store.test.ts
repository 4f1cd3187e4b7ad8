// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { startRunRecord } from '../../simulator/runs/record';
import { webApi } from '../platform/web-api';
import { browserStorage, retryPendingSaves, saveRun } from './pending-saves-store';
import { SaveQueue } from './save-queue';

const record = (id = 'r') =>
  startRunRecord({
    id,
    scenarioId: 's',
    scenarioHash: 'h',
    scenarioTitle: 'S',
    seed: 1,
    startedAt: '2026-12-02T12:00:00.000Z',
  });

afterEach(() => {
  delete window.outageLab;
  localStorage.clear();
});

/** True when leaving the page now would ask first. */
const leavingAsks = () => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
};

describe('leaving the page with unsaved runs', () => {
  it('asks first while a run save is pending, and not before or after', async () => {
    let down = true;
    window.outageLab = {
      ...webApi,
      host: 'electron',
      listRuns: async () => [],
      writeRun: async () => {
        if (down) throw new Error('The server answered 503.');
      },
    };
    expect(leavingAsks()).toBe(false);
    expect(await saveRun('leave-1.json', record('leave-1'))).toBe(false);
    expect(leavingAsks()).toBe(true);
    down = false;
    expect(await retryPendingSaves()).toBe(true);
    expect(leavingAsks()).toBe(false);
  });
});

describe('the browser storage of unsaved runs', () => {
  it('turns storage the browser blocks into one that says why on every call', async () => {
    const storage = browserStorage(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    expect(storage).toBeDefined();
    expect(() => storage!.setItem('k', 'v')).toThrow('insecure');
    const q = new SaveQueue({
      storage,
      write: async () => {
        throw new Error('The server answered 503.');
      },
    });
    expect(await q.save('r.json', record())).toBe(false);
    expect(q.pending()[0]?.notKeptHere).toBe('the browser blocks storage for this page (SecurityError)');
    q.dispose();
  });
});
