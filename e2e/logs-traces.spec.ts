import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

interface ScenarioJson {
  title: string;
}
const queue = JSON.parse(readFileSync('scenarios/redis-queue-fills.json', 'utf8')) as ScenarioJson;

test('a trainee filters logs with LogQL, finds failed traces, opens one and exports both', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: queue.title })
    .getByRole('button', { name: 'Open briefing' })
    .click();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  // A snapshot in flight may still carry the old setting: retry until it holds.
  const slow = page.getByLabel('1x on page');
  await expect(async () => {
    await slow.uncheck();
    await expect(slow).not.toBeChecked();
  }).toPass();
  await page.getByRole('button', { name: '60x' }).click();
  // Play until checkout's LPUSH fails (Redis at maxmemory), then slow down to read.
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByTestId('logs-tab')).toContainText('OOM command not allowed', { timeout: 120_000 });
  await page.getByRole('button', { name: '1x' }).click();

  // LogQL: the query filters the list; a mistake is shown with its column.
  const logql = page.getByRole('textbox', { name: 'LogQL query' });
  await logql.fill('{service="checkout"} |= timeout');
  await logql.press('Enter');
  await expect(page.getByTestId('logql-error')).toContainText('column 25');
  await logql.fill('{service="checkout", level="error"} |= "OOM" | logfmt | upstream = "notify-jobs"');
  await logql.press('Enter');
  await expect(page.getByTestId('logql-error')).toHaveCount(0);
  const messages = page.locator('.log-row .log-message');
  await expect(messages.first()).toContainText('LPUSH notify-jobs failed: OOM');
  const nodes = await page.locator('.log-row .log-node').allTextContents();
  expect(new Set(nodes)).toEqual(new Set(['checkout']));
  await expect(page.getByTestId('log-volume')).toBeVisible();
  await page.screenshot({ path: 'test-results/logs-logql.png' });
  const logfmt = page.waitForEvent('download');
  await page.getByRole('button', { name: 'logfmt' }).click();
  const logFile = await (await logfmt).path();
  const exported = readFileSync(logFile, 'utf8').trimEnd().split('\n');
  expect(exported.length).toBeGreaterThan(0);
  expect(exported[0]).toMatch(
    /^ts=2026-06-01T\S+ level=error service=checkout request_id=\S+ msg="LPUSH notify-jobs/,
  );

  // Traces: search failed ones, open one, read the failed span's OpenTelemetry details.
  await page.getByRole('tab', { name: 'Traces' }).click();
  await page.getByRole('combobox', { name: 'Status' }).selectOption('error');
  const rows = page.locator('.trace-row');
  await expect(rows.first()).toBeVisible();
  expect(await page.locator('.trace-row .trace-status.ok').count()).toBe(0);
  await page.getByRole('searchbox', { name: 'Attribute' }).fill('messaging.system=redis');
  await page.getByRole('button', { name: 'Find traces' }).click();
  await rows.first().click();
  const detail = page.getByTestId('span-detail');
  await expect(detail).toContainText('producer');
  await expect(detail).toContainText(
    "LPUSH notify-jobs failed: OOM command not allowed when used memory > 'maxmemory'",
  );
  await expect(detail).toContainText(/span_id\s*[0-9a-f]{16}/);
  await expect(page.getByTestId('waterfall')).toContainText(/trace_id [0-9a-f]{32}/);
  await page.screenshot({ path: 'test-results/traces-search.png' });
  const otlp = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export OTLP' }).click();
  const request = JSON.parse(readFileSync(await (await otlp).path(), 'utf8')) as {
    resourceSpans: {
      resource: { attributes: { key: string; value: { stringValue: string } }[] };
      scopeSpans: { spans: { kind: number; traceId: string }[] }[];
    }[];
  };
  const services = request.resourceSpans.map((r) => r.resource.attributes[0]!.value.stringValue);
  expect(services).toContain('checkout');
  const spans = request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  expect(spans.some((s) => s.kind === 4)).toBe(true);

  // Every look is on the run's timeline.
  await page.getByRole('tab', { name: 'Events' }).click();
  const events = page.getByRole('tabpanel');
  await expect(events).toContainText('LogQL: {service="checkout", level="error"}');
  await expect(events).toContainText('Trace search: status=error');
  await expect(events).toContainText('Opened trace req-');
});
