import { describe, expect, it } from 'vitest';
import { IPC, ipcArgs } from './ipc-contract';

describe('IPC openTraineeWindow', () => {
  const schema = ipcArgs[IPC.openTraineeWindow];

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
