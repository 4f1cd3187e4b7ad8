import { describe, expect, it } from 'vitest';
import { activeRunId, forgetActiveRun, rememberActiveRun } from './active-run';

function memory() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('active run marker', () => {
  it('remembers the live run and forgets it when that run ends', () => {
    const store = memory();
    rememberActiveRun('run-1', store);
    expect(activeRunId(store)).toBe('run-1');
    forgetActiveRun('run-2', store); // another run ending does not clear this one
    expect(activeRunId(store)).toBe('run-1');
    forgetActiveRun('run-1', store);
    expect(activeRunId(store)).toBeUndefined();
  });

  it('never throws when storage is blocked', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => rememberActiveRun('x', blocked)).not.toThrow();
    expect(activeRunId(blocked)).toBeUndefined();
    expect(() => forgetActiveRun('x', blocked)).not.toThrow();
  });
});
