/**
 * Which of the scenario's runbook pages an alert or a service links to (issue 17 item 5), so the
 * console opens the Runbooks side panel instead of an external URL:
 *
 * - an alert whose `runbook_url` names a page: the URL is the page's id, `runbook:ID`, `#ID`, or
 *   ends in `/ID` (with or without `.md` / `.html`, a query or a fragment), e.g.
 *   `https://runbooks.example.com/orders/orders-errors.md` opens the page `orders-errors`;
 * - else an alert the page lists in its `alerts`;
 * - a service (topology node) the page lists in its `services`.
 *
 * Pure, unit-tested; undefined when nothing matches (the external link stays).
 */
import type { Runbook } from '../../../../simulator/scenario/communication';

/** The page id a runbook URL names, if it names one of `runbooks`. */
export function runbookOfUrl(runbooks: readonly Runbook[], url: string | undefined): Runbook | undefined {
  if (!url) return undefined;
  const text = url.trim();
  const byId = (id: string) => runbooks.find((r) => r.id === id);
  const direct = byId(text) ?? byId(text.replace(/^runbook:/, '')) ?? byId(text.replace(/^#/, ''));
  if (direct) return direct;
  const fragment = /#([^#?/]+)$/.exec(text)?.[1];
  if (fragment && byId(fragment)) return byId(fragment);
  const path = text.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1).replace(/\.(md|html?)$/i, '');
  return last ? byId(decodeURIComponentSafe(last)) : undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The page an alert opens: its runbook_url's page, else a page that lists the alert. */
export function runbookOfAlert(
  runbooks: readonly Runbook[],
  alert: { readonly name: string; readonly runbookUrl?: string },
): Runbook | undefined {
  return runbookOfUrl(runbooks, alert.runbookUrl) ?? runbooks.find((r) => r.alerts.includes(alert.name));
}

/** The pages a service (a topology node) links to. */
export function runbooksOfService(runbooks: readonly Runbook[], node: string): Runbook[] {
  return runbooks.filter((r) => r.services.includes(node));
}
