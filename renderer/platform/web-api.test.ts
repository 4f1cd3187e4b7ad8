// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_TOKEN_HEADER, TOKEN_META_NAME } from '../../host/api';
import { hostApi, webApi } from './web-api';

afterEach(() => {
  vi.unstubAllGlobals();
  document.head.innerHTML = '';
});

describe('web client', () => {
  it('sends the token the served page carries on every API call', async () => {
    document.head.innerHTML = `<meta name="${TOKEN_META_NAME}" content="abc123" />`;
    const fetchMock = vi.fn(async () => new Response('{"ok":true}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await webApi.listRuns();
    await webApi.writeRun('r.json', { a: 1 });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    for (const call of fetchMock.mock.calls as unknown as [string, RequestInit][]) {
      expect((call[1].headers as Record<string, string>)[API_TOKEN_HEADER]).toBe('abc123');
    }
  });

  it('turns a refusal into the server’s sentence', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"error":"API calls need this launch\'s token"}', { status: 403 })),
    );
    await expect(webApi.listRuns()).rejects.toThrow('token');
  });
});

describe('save order', () => {
  it('stamps every run save with this page’s session and an increasing number, in both hosts', async () => {
    const sent: unknown[] = [];
    const fake = {
      ...webApi,
      host: 'electron' as const,
      writeRun: async (_f: string, d: unknown) => void sent.push(d),
    };
    window.outageLab = fake;
    await hostApi().writeRun('r.json', { id: 'r', simTime: 1 });
    await hostApi().writeRun('r.json', { id: 'r', simTime: 2 });
    delete window.outageLab;
    const orders = sent.map(
      (d) => (d as { saveOrder: { session: string; seq: number; sentAt: number } }).saveOrder,
    );
    expect(orders).toHaveLength(2);
    expect(Math.abs(orders[0]!.sentAt - Date.now())).toBeLessThan(60_000);
    expect(orders[1]!.sentAt).toBeGreaterThanOrEqual(orders[0]!.sentAt);
    expect(orders[0]!.session).toMatch(/^[0-9a-f]{32}$/);
    expect(orders[1]!.session).toBe(orders[0]!.session);
    expect(orders[1]!.seq).toBeGreaterThan(orders[0]!.seq);
    expect(sent[1]).toMatchObject({ id: 'r', simTime: 2 });
  });
});
