import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp';
import { contentSecurityPolicy, CSP_PLACEHOLDER, injectCsp } from './csp-variants';

const indexHtml = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');

describe('content security policy variants', () => {
  it('ships index.html with no hand-written policy and no dev server socket', () => {
    expect(indexHtml).toContain(CSP_PLACEHOLDER);
    expect(indexHtml).not.toContain('ws:');
    const built = injectCsp(indexHtml, false);
    expect(built).not.toContain('ws:');
    expect(built).toContain("script-src 'self'");
  });

  it('allows the hot-reload socket in development only', () => {
    expect(injectCsp(indexHtml, true)).toContain('ws://localhost:*');
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicy({ dev: true })).toContain(
      "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
    );
  });

  it('leaves frame-ancestors out of the <meta> form, where browsers ignore it', () => {
    expect(contentSecurityPolicy({ meta: true })).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
  });

  it('refuses an index.html without the placeholder', () => {
    expect(() => injectCsp('<html></html>', false)).toThrow(CSP_PLACEHOLDER);
  });
});
