/**
 * Issue 16 item 5: dashboards as PromQL panels. A built-in with authored `panels` shows them on
 * the overview after the built-in panels, drawn with data, their legend formats, units and
 * threshold lines; a query pinned from Explore is the same kind of panel.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const queue = JSON.parse(readFileSync('scenarios/redis-queue-fills.json', 'utf8')) as {
  title: string;
  panels: { title: string }[];
};

/** Opens the Redis queue built-in, plays it at 60x to T+08 and pauses there. */
async function playQueueToMinuteEight(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1600, height: 1100 });
  await page.goto('/');
  await page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: queue.title })
    .getByRole('button', { name: 'Open briefing' })
    .click();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await page.getByLabel('1x on page').uncheck();
  await page.getByRole('button', { name: '60x' }).click();
  await expect(page.getByTestId('sim-clock')).toContainText(/T\+(0[89]|1\d):/, { timeout: 60_000 });
  await page.getByRole('button', { name: '❚❚' }).click();
}

test('a built-in with authored PromQL panels draws them with data on the overview', async ({ page }) => {
  test.setTimeout(180_000);
  await playQueueToMinuteEight(page);

  // Every authored panel is on the overview, after the built-in ones, with a plot.
  const panels = page.locator('figure.query-panel');
  await expect(panels).toHaveCount(queue.panels.length);
  expect(await panels.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).toEqual(
    queue.panels.map((p) => p.title),
  );
  const memory = page.getByRole('figure', { name: 'notify-jobs memory vs maxmemory' });
  await memory.scrollIntoViewIfNeeded();
  await expect(memory.locator('canvas').first()).toBeVisible();
  // Legend formats name the two queries' series; bytes are shown in MiB.
  await expect(memory.locator('.legend')).toContainText(/used\s+\d+(\.\d)? MiB/);
  await expect(memory.locator('.legend')).toContainText('maxmemory 256 MiB');
  const errors = page.getByRole('figure', { name: 'Checkout 5xx ratio' });
  // A panel out of view does not redraw (useChartVersion): bring it in, as a trainee scrolls.
  await errors.scrollIntoViewIfNeeded();
  await expect(errors.locator('canvas').first()).toBeVisible();
  await expect(errors.locator('.panel-latest')).toContainText('%');
  const predicted = page.getByRole('figure', { name: 'notify-jobs memory in 1 h at this rate' });
  await predicted.scrollIntoViewIfNeeded();
  await expect(predicted.locator('.legend')).toContainText(/predicted\s+\d+(\.\d)? (MiB|GiB)/);
  // Every panel has data: a drawn plot, not the empty placeholder.
  await expect(page.locator('figure.query-panel .chart-empty')).toHaveCount(0);
  await memory.screenshot({ path: 'test-results/panels-memory.png' });
  await page.screenshot({ path: 'test-results/panels-overview.png', fullPage: true });

  // A pinned Explore query joins them as the same kind of panel, with an Unpin button.
  await page.getByRole('tab', { name: 'Explore' }).click();
  const editor = page.getByRole('textbox', { name: 'PromQL query' });
  await editor.click();
  await page.keyboard.type('up');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Run query' }).click();
  await page
    .getByRole('region', { name: 'Query result' })
    .getByRole('button', { name: 'Pin to dashboard' })
    .click();
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(panels).toHaveCount(queue.panels.length + 1);
  const pinned = page.getByRole('figure', { name: 'up' });
  await expect(pinned.locator('canvas').first()).toBeVisible();
  await expect(pinned.getByRole('button', { name: 'Unpin up' })).toBeVisible();
});

test('the built-in dashboard switches to PromQL over the scrapes, panel for panel', async ({ page }) => {
  test.setTimeout(180_000);
  await playQueueToMinuteEight(page);

  const engine = page.locator('figure.chart-panel:not(.query-panel)');
  const titles = await engine.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
  expect(titles.length).toBeGreaterThan(5);
  // An engine panel carries its PromQL on the title.
  await expect(engine.first().locator('.panel-title span').first()).toHaveAttribute('title', /rate\(/);

  const sources = page.getByRole('group', { name: 'Data source' });
  await sources.getByRole('button', { name: 'Prometheus 15s' }).click();
  await expect(sources.getByRole('button', { name: 'Prometheus 15s' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(engine).toHaveCount(0);
  // The same panels, in the same order, now PromQL panels (then the scenario's own).
  const prom = page.locator('figure.query-panel');
  const promTitles = await prom.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
  expect(promTitles.slice(0, titles.length)).toEqual(titles);
  // Each draws (scrolled into view, as a trainee would): no error, no empty panel; legends name nodes.
  for (const title of titles) {
    const panel = page.getByRole('figure', { name: title!, exact: true });
    await panel.scrollIntoViewIfNeeded();
    await expect(panel.locator('canvas').first()).toBeVisible();
    await expect(panel.locator('.chart-empty, .error-text')).toHaveCount(0);
  }
  await expect(
    page.getByRole('figure', { name: 'Request rate', exact: true }).locator('.legend'),
  ).toContainText('checkout');
  await page.getByRole('figure', { name: 'Request rate', exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/panels-prometheus-source.png', fullPage: true });

  // A node's dashboard too: the database's panels as postgres_exporter series.
  await page.getByLabel('Dashboard', { exact: true }).selectOption('orders-db');
  await expect(page.locator('figure.query-panel').first()).toBeVisible();
  await expect(
    page.locator('figure.query-panel').first().locator('.panel-title span').first(),
  ).toHaveAttribute('title', /instance="orders-db:5432"|service="orders-db"/);
  await expect(page.locator('figure.query-panel .error-text')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/panels-prometheus-node.png', fullPage: true });
  await page.getByLabel('Dashboard', { exact: true }).selectOption('');

  await sources.getByRole('button', { name: 'Engine 1s' }).click();
  await expect(engine).toHaveCount(titles.length);
});
