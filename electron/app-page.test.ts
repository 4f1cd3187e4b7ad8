import { describe, expect, it } from 'vitest';
import { appPageUrl, isAppPage, isExternalWebUrl } from './app-page';

describe('app page', () => {
  const page = appPageUrl();

  it('is app://outage-lab/index.html, matched exactly (hash aside)', () => {
    expect(page).toBe('app://outage-lab/index.html');
    expect(isAppPage(`${page}#trainee=x`, page)).toBe(true);
    for (const url of [
      'app://outage-lab/other.html',
      'app://outage-lab/',
      'app://other/index.html',
      'app://outage-lab.evil/index.html',
      'file:///opt/Outage%20Lab/resources/app.asar/dist/index.html',
      'file:///tmp/index.html',
      `${page}?q=1`,
      'https://example.com/',
      '',
      'not a url',
    ]) {
      expect(isAppPage(url, page), url).toBe(false);
    }
  });

  it('uses a loopback http dev server when given one', () => {
    const dev = appPageUrl('http://127.0.0.1:5173/#ignored');
    expect(dev).toBe('http://127.0.0.1:5173/');
    expect(isAppPage('http://127.0.0.1:5173/#trainee=a', dev)).toBe(true);
    expect(isAppPage('http://127.0.0.1:5174/', dev)).toBe(false);
    expect(() => appPageUrl('http://evil.example:5173/')).toThrow(/loopback/);
    expect(() => appPageUrl('file:///tmp/index.html')).toThrow(/loopback/);
  });

  it('lets only http(s) links out', () => {
    expect(isExternalWebUrl('https://example.com')).toBe(true);
    expect(isExternalWebUrl('http://example.com')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'mailto:a@b.c', 'ms-settings:', 'x']) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});
