import { describe, expect, it } from 'vitest';
import { runbookOfAlert, runbookOfUrl, runbooksOfService } from './runbook-links';

const pages = [
  { id: 'orders-errors', title: 'Orders 5xx', markdown: '', alerts: ['OrdersErrors'], services: ['orders'] },
  { id: 'db-load', title: 'Database load', markdown: '', alerts: [], services: ['orders-db', 'orders'] },
];

describe('runbook links', () => {
  it('reads a page id from the runbook_url in every usual spelling', () => {
    for (const url of [
      'db-load',
      'runbook:db-load',
      '#db-load',
      'https://runbooks.example.com/db/db-load',
      'https://runbooks.example.com/db/db-load.md',
      'https://wiki.example.com/x/db-load.html?v=2#steps',
      'https://wiki.example.com/runbooks/#db-load',
      'https://runbooks.example.com/db/db-load/',
    ])
      expect(runbookOfUrl(pages, url)?.id, url).toBe('db-load');
    expect(runbookOfUrl(pages, 'https://runbooks.example.com/db/other')).toBeUndefined();
    expect(runbookOfUrl(pages, undefined)).toBeUndefined();
  });

  it('an alert opens its URL page first, else a page that lists it', () => {
    expect(runbookOfAlert(pages, { name: 'OrdersErrors', runbookUrl: 'https://r.example/db-load' })?.id).toBe(
      'db-load',
    );
    expect(runbookOfAlert(pages, { name: 'OrdersErrors', runbookUrl: 'https://r.example/none' })?.id).toBe(
      'orders-errors',
    );
    expect(runbookOfAlert(pages, { name: 'Other' })).toBeUndefined();
  });

  it('a service links to every page that lists it', () => {
    expect(runbooksOfService(pages, 'orders').map((p) => p.id)).toEqual(['orders-errors', 'db-load']);
    expect(runbooksOfService(pages, 'web')).toEqual([]);
  });
});
