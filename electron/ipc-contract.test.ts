import { describe, expect, it } from 'vitest';
import { IPC_METHODS, ipcContract } from './ipc-contract';

describe('IPC openTraineeWindow', () => {
  const schema = ipcContract.openTraineeWindow.args;

  it('accepts exactly one run id', () => {
    expect(schema.safeParse(['thread-exhaustion-2026-11-27T11-22-28-123Z']).success).toBe(true);
  });

  it('refuses URLs, paths, extra arguments and non-strings', () => {
    for (const args of [
      [],
      ['https://example.com'],
      ['file:///etc/passwd'],
      ['../../x'],
      ['a/b'],
      ['a#b'],
      ['x'.repeat(201)],
      [42],
      ['ok', 'extra'],
    ]) {
      expect(schema.safeParse(args).success).toBe(false);
    }
  });
});

describe('IPC channel map', () => {
  it('gives every method its own channel', () => {
    const channels = IPC_METHODS.map((method) => ipcContract[method].channel);
    expect(new Set(channels).size).toBe(channels.length);
  });
});
