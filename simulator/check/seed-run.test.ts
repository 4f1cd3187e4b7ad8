import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../test-support/builtin-run';
import { checkSeed, seedBuffers } from './seed-run';

describe('checkSeed', () => {
  it('gives the same outcome on buffers reused across seeds and scenarios of other sizes as on fresh ones', () => {
    const big = loadBuiltin('log-shipper-floods-dns.json');
    const small = loadBuiltin('sidecar-cpu-throttling.json');
    const fresh = [checkSeed(big, 1), checkSeed(small, 2), checkSeed(big, 3)];
    const buffers = seedBuffers();
    const reused = [checkSeed(big, 1, buffers), checkSeed(small, 2, buffers), checkSeed(big, 3, buffers)];
    expect(reused).toEqual(fresh);
  }, 60_000);
});
