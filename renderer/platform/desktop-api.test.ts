import { describe, expect, it } from 'vitest';
import { traineeHash, traineeRunIdFromHash } from './desktop-api';

describe('trainee view URL', () => {
  it('round-trips a run id through the hash', () => {
    const id = 'thread-exhaustion-2026-11-27T11-22-28-123Z';
    expect(traineeRunIdFromHash(`#${traineeHash(id)}`)).toBe(id);
  });

  it('refuses anything that is not a run id', () => {
    for (const hash of [
      '',
      '#',
      '#trainee=',
      '#trainee=../x',
      '#trainee=a%2Fb',
      '#trainee=%E0%A4%A',
      '#other=x',
      '#trainee=a&x=1',
    ]) {
      expect(traineeRunIdFromHash(hash)).toBeUndefined();
    }
  });
});
