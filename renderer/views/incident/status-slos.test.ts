import { describe, expect, it } from 'vitest';
import { readSlos } from './status-slos';

const objectives = [{ node: 'web' }, { node: 'db' }];
const never = () => false;

describe('readSlos', () => {
  it('reads the values while every node is scraped', () => {
    const ok = readSlos(
      objectives,
      [
        { value: 0.01, ok: true },
        { value: 0.2, ok: true },
      ],
      never,
    );
    expect(ok).toEqual({
      headline: 'OK',
      readings: [
        { value: 0.01, ok: true },
        { value: 0.2, ok: true },
      ],
    });
    expect(
      readSlos(
        objectives,
        [
          { value: 0.3, ok: false },
          { value: 0.2, ok: true },
        ],
        never,
      ).headline,
    ).toBe('BREACHED');
  });

  it('has no data for an SLO whose node is not scraped, and says BREACHED only for one with data', () => {
    const web = (node: string) => node === 'web';
    const gap = readSlos(
      objectives,
      [
        { value: 0.36, ok: false },
        { value: 0.2, ok: true },
      ],
      web,
    );
    expect(gap).toEqual({
      headline: 'NO DATA',
      readings: [
        { value: null, ok: null },
        { value: 0.2, ok: true },
      ],
    });
    expect(
      readSlos(
        objectives,
        [
          { value: 0.36, ok: false },
          { value: 0.9, ok: false },
        ],
        web,
      ).headline,
    ).toBe('BREACHED');
    // Before the first snapshot: nothing known yet.
    expect(readSlos(objectives, [], never).headline).toBe('NO DATA');
  });
});
