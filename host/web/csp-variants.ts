/**
 * The shipped policy (csp.ts) in the forms a page needs: as an HTTP header or as the
 * index.html <meta> tag (which ignores frame-ancestors), and in development with the Vite dev
 * server's hot-reload socket allowed. Production builds never allow ws://localhost.
 */
import { CONTENT_SECURITY_POLICY } from './csp';

const DEV_CONNECT = 'ws://localhost:* ws://127.0.0.1:*';

export function contentSecurityPolicy({ dev = false, meta = false } = {}): string {
  return CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !(meta && directive.startsWith('frame-ancestors')))
    .map((directive) =>
      dev && directive.startsWith('connect-src') ? `${directive} ${DEV_CONNECT}` : directive,
    )
    .join('; ');
}

/** The placeholder renderer/index.html carries where the <meta> policy goes. */
export const CSP_PLACEHOLDER = '__OUTAGE_LAB_CSP__';

/** index.html with its placeholder replaced; throws if the placeholder is missing. */
export function injectCsp(html: string, dev: boolean): string {
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html has no ${CSP_PLACEHOLDER} placeholder.`);
  return html.replaceAll(CSP_PLACEHOLDER, contentSecurityPolicy({ dev, meta: true }));
}
