import { describe, expect, it } from 'vitest';
import { age, cores, mebibytes, safeName, table } from './format';

describe('kubectl formats', () => {
  it('prints ages the way kubectl does (apimachinery HumanDuration)', () => {
    expect(age(45)).toBe('45s');
    expect(age(119)).toBe('119s');
    expect(age(312)).toBe('5m12s');
    expect(age(300)).toBe('5m');
    expect(age(21 * 60 + 30)).toBe('21m');
    expect(age(3 * 3600 + 4 * 60)).toBe('3h4m');
    expect(age(30 * 3600)).toBe('30h');
    expect(age(3 * 86400 + 5 * 3600)).toBe('3d5h');
    expect(age(41 * 86400)).toBe('41d');
    expect(age(Number.NaN)).toBe('0s');
  });

  it('pads every column but the last to its widest cell plus three spaces', () => {
    const out = table(
      ['NAME', 'READY'],
      [
        ['orders-abc', '1/1'],
        ['x', '0/1'],
      ],
    ).split('\n');
    expect(out[0]).toBe('NAME         READY');
    expect(out[1]).toBe('orders-abc   1/1');
    expect(out[2]).toBe('x            0/1');
  });

  it('writes quantities as Kubernetes does', () => {
    expect(cores(0.25)).toBe('250m');
    expect(cores(2)).toBe('2');
    expect(mebibytes(512)).toBe('512Mi');
    expect(mebibytes(2048)).toBe('2Gi');
  });

  it('generates names from the safe alphabet, stable for a seed', () => {
    const a = safeName('orders|v413|0', 10);
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    expect(safeName('orders|v413|0', 10)).toBe(a);
    expect(safeName('orders|v412|0', 10)).not.toBe(a);
  });
});
