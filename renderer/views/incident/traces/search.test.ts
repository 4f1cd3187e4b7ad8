import { describe, expect, it } from 'vitest';
import { trace } from '../topology/test-fixtures';
import { describeSearch, parseAttributeFilter, searchTraces, servicesOf } from './search';

const traces = [trace('fast', 10, 0.05, false), trace('slow', 20, 3, false), trace('failed', 30, 0.5, true)];
const ids = (q: Parameters<typeof searchTraces>[1]) => searchTraces(traces, q).traces.map((t) => t.requestId);

describe('trace search', () => {
  it('filters by status, minimum duration and service', () => {
    expect(ids({ status: 'error' })).toEqual(['failed']);
    expect(ids({ status: 'ok' })).toEqual(['fast', 'slow']);
    expect(ids({ minDurationMs: 400 })).toEqual(['slow', 'failed']);
    expect(ids({ service: 'orders-db' })).toEqual(['fast', 'slow', 'failed']);
    expect(ids({ service: 'payments' })).toEqual([]);
    expect(servicesOf(traces)).toEqual(['checkout']);
  });

  it('filters by an attribute on any span: key, key=value, key!=value, quoted values', () => {
    expect(ids({ attribute: 'http.response.status_code=503' })).toEqual(['failed']);
    expect(ids({ attribute: 'http.response.status_code != 503' })).toEqual(['fast', 'slow']);
    expect(ids({ attribute: 'db.system="postgresql"' })).toEqual(['fast', 'slow', 'failed']);
    expect(ids({ attribute: 'messaging.system' })).toEqual([]);
  });

  it('explains a malformed attribute filter with its column and filters nothing by it', () => {
    expect(parseAttributeFilter('=5')).toEqual({ error: expect.stringMatching(/key=value/) });
    expect(parseAttributeFilter('a=')).toEqual({ error: 'no value after "=" at column 3' });
    expect(parseAttributeFilter('a{b}')).toEqual({ error: expect.stringContaining('"{" at column 2') });
    const r = searchTraces(traces, { attribute: 'a=', status: 'error' });
    expect(r.error).toMatch(/column 3/);
    expect(r.traces.map((t) => t.requestId)).toEqual(['failed']);
  });

  it('describes a search for the run steps', () => {
    expect(describeSearch({})).toBe('all traces');
    expect(describeSearch({ service: 'api', status: 'error', minDurationMs: 200, attribute: 'a=b' })).toBe(
      'service=api status=error minDuration=200ms a=b',
    );
  });
});
