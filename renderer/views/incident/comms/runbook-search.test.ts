import { describe, expect, it } from 'vitest';
import { searchRunbooks } from './runbook-search';

const pages = [
  {
    id: 'a',
    title: 'Orders 5xx',
    markdown: 'Roll back the last release.',
    alerts: ['GatewayErrorRateHigh'],
    services: ['orders'],
  },
  { id: 'b', title: 'Database load', markdown: 'Kill long queries.', alerts: [], services: ['orders-db'] },
];

describe('searchRunbooks', () => {
  it('matches every word against the title, the page, its alerts and services; empty lists all', () => {
    expect(searchRunbooks(pages, '').map((p) => p.id)).toEqual(['a', 'b']);
    expect(searchRunbooks(pages, 'roll RELEASE').map((p) => p.id)).toEqual(['a']);
    expect(searchRunbooks(pages, 'gatewayerrorratehigh').map((p) => p.id)).toEqual(['a']);
    expect(searchRunbooks(pages, 'orders').map((p) => p.id)).toEqual(['a', 'b']);
    expect(searchRunbooks(pages, 'orders kill').map((p) => p.id)).toEqual(['b']);
    expect(searchRunbooks(pages, 'nothing')).toEqual([]);
  });
});
