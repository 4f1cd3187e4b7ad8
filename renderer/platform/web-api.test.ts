// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_TOKEN_HEADER, TOKEN_META_NAME } from '../../host/api';
import { webApi } from './web-api';

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
