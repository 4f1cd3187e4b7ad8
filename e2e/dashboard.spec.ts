/**
 * Issue 14 item 9: readable dashboards in big scenarios. Distinct colours within a panel, a
 * legend entry that isolates its series, markers named in the legend and on hover, a log axis
 * where one series dwarfs the rest, ratio axes that stop at 100%.
 */
import { expect, test, type Page } from '@playwright/test';

async function start(page: Page, title: RegExp) {
  await page.goto('/');
  await page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: title })
    .getByRole('button', { name: 'Open briefing' })
    .click();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await page.getByLabel('1x on page').uncheck();
  await page.getByRole('button', { name: '60x' }).click();
}

test('a 13-node dashboard: distinct colours per panel, and a legend click isolates a series', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await start(page, /Twelve alerts/i);
  await expect(page.getByTestId('sim-clock')).toContainText(/T\+0[3-9]:/, { timeout: 30_000 });
  await page.getByRole('button', { name: '❚❚' }).click();

  for (const panel of await page.locator('figure.chart-panel').all()) {
    const colors = await panel
      .locator('.legend .swatch')
      .evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
    expect(new Set(colors).size, `${await panel.getAttribute('aria-label')}: ${colors.join(' ')}`).toBe(
      colors.length,
    );
  }
  await page.screenshot({ path: 'test-results/dashboard-13-nodes.png' });

  const rates = page.getByRole('figure', { name: 'Request rate' });
  const entries = rates.locator('.legend-entry');
  const count = await entries.count();
  expect(count).toBeGreaterThan(5);
  await entries.nth(2).click();
  await expect(entries.nth(2)).toHaveAttribute('aria-pressed', 'true');
  await expect(rates.locator('.legend-entry.is-dimmed')).toHaveCount(count - 1);
  await rates.screenshot({ path: 'test-results/dashboard-isolated.png' });
  await entries.nth(2).click();
  await expect(rates.locator('.legend-entry.is-dimmed')).toHaveCount(0);

  // Markers are named in the legend (deploys happen in this scenario).
  await expect(page.getByRole('list', { name: 'Markers' })).toContainText('deploys');
});

test('the DNS flood opens its panel on a log axis, and error ratios stop at 100%', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await start(page, /floods cluster DNS/i);
  // Past the flood's start: CoreDNS answers thousands of queries a second.
  await expect(page.getByTestId('sim-clock')).toContainText(/T\+(0[6-9]|1\d):/, { timeout: 60_000 });
  await page.getByRole('button', { name: '❚❚' }).click();
  const logs = page.locator('figure.chart-panel .panel-log[aria-pressed="true"]');
  expect(await logs.count()).toBeGreaterThan(0);
  const name = await page
    .locator('figure.chart-panel', { has: page.locator('.panel-log[aria-pressed="true"]') })
    .first()
    .getAttribute('aria-label');
  const panel = page.getByRole('figure', { name: name ?? '', exact: true });
  await panel.screenshot({ path: 'test-results/dashboard-log-axis.png' });
  // The toggle turns it off again.
  await panel.locator('.panel-log').click();
  await expect(panel.locator('.panel-log')).toHaveAttribute('aria-pressed', 'false');
  // Ratio panels have no log toggle, and their axis tops out at 100%.
  const errors = page.getByRole('figure', { name: 'Error ratio' });
  await expect(errors.locator('.panel-log')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/dashboard-dns.png' });
});

test('while Prometheus cannot reach the targets, the panels show a gap, not a drop to zero', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await start(page, /graphs go blank/i);
  // The gateway drops most connections from T+11: the scrapes fail from then on.
  await expect(page.getByTestId('sim-clock')).toContainText(/T\+1[3-9]:/, { timeout: 90_000 });
  await page.getByRole('button', { name: '❚❚' }).click();
  const errors = page.getByRole('figure', { name: 'Error ratio' });
  await expect(errors).toBeVisible();
  await page.screenshot({ path: 'test-results/dashboard-scrape-gap.png' });
  // web's legend shows no current value (the last point is a gap), the others keep theirs.
  await expect(errors.locator('.legend-entry', { hasText: 'web' })).not.toContainText('%');
  // The status bar says what the panels say: no data for web's SLO, not the engine's 36%.
  const status = page.getByTestId('status-bar');
  await expect(status).toContainText('SLO no data');
  await expect(status).toContainText('web error_ratio no data / 5%');
  await expect(status).not.toContainText('BREACHED');
  await status.screenshot({ path: 'test-results/status-bar-scrape-gap.png' });
});
