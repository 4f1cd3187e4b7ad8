import { describe, expect, it } from 'vitest';
import { orderPages } from './page-order';

describe('orderPages', () => {
  it('lists the most severe page first, then the oldest, like an on-call tool', () => {
    const pages = [
      { name: 'LatencyWarn', severity: 'P2' as const, firedAt: 10 },
      { name: 'ApiDown', severity: 'P1' as const, firedAt: 40 },
      { name: 'DbDown', severity: 'P0' as const, firedAt: 50 },
      { name: 'CheckoutErrors', severity: 'P1' as const, firedAt: 20 },
    ];
    expect(orderPages(pages).map((p) => p.name)).toEqual([
      'DbDown',
      'CheckoutErrors',
      'ApiDown',
      'LatencyWarn',
    ]);
  });
});
