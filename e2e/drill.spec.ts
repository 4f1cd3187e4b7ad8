import { expect, test } from '@playwright/test';
import { promises as fs } from 'node:fs';
import path from 'node:path';

test('a readiness drill from the first load test to the real peak and its debrief', async ({ page }) => {
  await page.goto('/');
  const card = page.getByRole('article', { name: 'Checkout before the Black Friday sale' });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Open drill' }).click();

  const view = page.getByTestId('drill-view');
  await expect(view.getByRole('heading', { name: 'Checkout before the Black Friday sale' })).toBeVisible();
  await expect(page.getByTestId('drill-status')).toContainText('0m spent, 3d left before the peak');

  // The first offered test is in the editor; run it.
  await view.getByRole('button', { name: 'Run load test' }).click();
  const summary = page.getByTestId('k6-summary').first();
  await expect(summary).toContainText('http_req_duration');
  await expect(summary).toContainText('✗ http_req_failed');
  await expect(page.getByTestId('drill-bottlenecks').first()).toContainText(/orders-db CPU at 1\.\dx/);
  await expect(page.getByTestId('drill-charts')).toBeVisible();
  await expect(page.getByTestId('drill-status')).toContainText('2h 15m spent');
  await page.getByTestId('drill-charts').screenshot({ path: 'test-results/drill-charts.png' });
  await summary.screenshot({ path: 'test-results/drill-k6-summary.png' });

  // Fix the database and checkout, wait for the resize, test again at 3x.
  await view
    .getByRole('listitem')
    .filter({ hasText: 'orders-db to db.r6g.xlarge' })
    .getByRole('button', { name: 'Make' })
    .click();
  await view
    .getByRole('listitem')
    .filter({ hasText: 'scale checkout' })
    .getByRole('button', { name: 'Make' })
    .click();
  // A system change: read replicas behind a reader endpoint, priced like the primary's class.
  await view
    .getByRole('listitem')
    .filter({ hasText: 'orders-db read replica' })
    .getByRole('button', { name: 'Make' })
    .click();
  await expect(page.getByTestId('drill-change')).toHaveCount(3);
  await expect(page.getByTestId('drill-change').first()).toContainText('in place at 1d 2h 15m: +$182/month');
  await expect(page.getByTestId('drill-change').nth(2)).toContainText('in place at 6h 15m: +$183/month');
  await view.getByRole('button', { name: 'Wait 1d' }).click();
  await view.getByLabel('Pick a test').selectOption('hold-3x');
  await view.getByRole('button', { name: 'Run load test' }).click();
  await expect(page.getByTestId('k6-summary')).toHaveCount(2);
  await expect(page.getByTestId('k6-summary').nth(1)).toContainText('✓ http_req_failed');

  // A test written with a bad threshold is refused with its path.
  await view
    .getByRole('textbox', { name: 'Load test' })
    .fill(
      '{"name": "x", "stages": [{"duration": "1m", "target": 10}], "thresholds": {"http_req_duration": ["p99<5"]}}',
    );
  await view.getByRole('button', { name: 'Run load test' }).click();
  await expect(
    view.getByText(/thresholds\.http_req_duration\[0\]: "p99<5" is not a k6 threshold/),
  ).toBeVisible();

  await view.getByRole('button', { name: 'Run the real peak' }).click();
  const debrief = page.getByTestId('drill-debrief');
  await expect(debrief.getByRole('heading', { name: /Debrief: \d+\/100/ })).toBeVisible();
  await expect(debrief).toContainText('every SLO held through it');
  await expect(debrief).toContainText('Headroom 40/40');
  await expect(debrief).toContainText('The author’s bottleneck sequence: orders-db CPU');
  await expect(page.getByTestId('drill-ideal')).toContainText(/x the peak for \$[\d,]+\/month/, {
    timeout: 30_000,
  });
  await debrief.screenshot({ path: 'test-results/drill-debrief.png' });
  await expect(page.getByTestId('drill-saved')).toHaveText('Saved to History.');
  await page.screenshot({ path: 'test-results/drill-view.png', fullPage: true });

  // The finished drill is listed in History with its score, cost and changes.
  await page.getByRole('button', { name: 'History' }).click();
  const row = page.getByTestId('history-drill-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Checkout before the Black Friday sale');
  await expect(row).toContainText(/\d+ \([A-F]\)/);
  await expect(row).toContainText('/ $1,600');
  await expect(row).toContainText('orders-db read replica (half the queries are reads)');
  await expect(row).toContainText(/ramp-to-4x \(failed; orders-db CPU at 1\.\d\dx\)/);
  await page.getByTestId('history-drills').screenshot({ path: 'test-results/history-drills.png' });

  // The record reopens its drill: a fresh session, and back to History.
  await row.getByRole('button', { name: 'Open drill' }).click();
  await expect(view.getByRole('heading', { name: 'Checkout before the Black Friday sale' })).toBeVisible();
  await expect(page.getByTestId('drill-status')).toContainText('0m spent, 3d left before the peak');
  await expect(page.getByTestId('drill-debrief')).toHaveCount(0);
  await view.getByRole('button', { name: 'Back to History' }).click();
  await expect(page.getByTestId('history-drill-row')).toHaveCount(1);
});

test('a drill saved in the user folder opens from the library and runs a load test', async ({ page }) => {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set by playwright.config.ts');
  const folder = path.join(dataDir, 'scenarios');
  await fs.mkdir(folder, { recursive: true });
  const copy = JSON.parse(
    await fs.readFile(path.join('scenarios', 'drills', 'checkout-before-sale.json'), 'utf8'),
  ) as Record<string, unknown>;
  await fs.writeFile(
    path.join(folder, 'my-sale-drill.json'),
    JSON.stringify({ ...copy, id: 'my-sale-drill', title: 'My own sale drill' }),
  );
  await fs.writeFile(
    path.join(folder, 'broken-drill.json'),
    JSON.stringify({ kind: 'drill', id: 'broken-drill', peak: { clients: 'lots' } }),
  );

  await page.goto('/');
  const drills = page.getByRole('region', { name: 'Readiness drills' });
  const card = drills.getByRole('article', { name: 'My own sale drill' });
  await expect(card).toBeVisible({ timeout: 10_000 });
  await expect(card).toContainText('yours');
  // An invalid drill stays with the user's files, its errors with their JSON paths.
  const invalid = page
    .getByRole('region', { name: 'Your scenarios' })
    .getByRole('article', { name: 'broken-drill.json (invalid)' });
  await expect(invalid).toContainText('peak.clients');
  await drills.screenshot({ path: 'test-results/library-user-drills.png' });
  await invalid.screenshot({ path: 'test-results/library-user-drill-invalid.png' });

  await card.getByRole('button', { name: 'Open drill' }).click();
  const view = page.getByTestId('drill-view');
  await expect(view.getByRole('heading', { name: 'My own sale drill' })).toBeVisible();
  await view.getByRole('button', { name: 'Run load test' }).click();
  await expect(page.getByTestId('k6-summary').first()).toContainText('http_req_duration');
  await expect(page.getByTestId('drill-status')).toContainText('2h 15m spent');
  await view.getByRole('button', { name: 'Run the real peak' }).click();
  await expect(page.getByTestId('drill-saved')).toHaveText('Saved to History.');

  // History reopens the user's drill by its id.
  await page.getByRole('button', { name: 'History' }).click();
  const row = page.getByTestId('history-drill-row').filter({ hasText: 'My own sale drill' });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Open drill' }).click();
  await expect(view.getByRole('heading', { name: 'My own sale drill' })).toBeVisible();
  await expect(page.getByTestId('drill-status')).toContainText('0m spent');
  await view.getByRole('button', { name: 'Back to History' }).click();

  // Once the file is gone (the library notices within its 2 s refresh), the record says so.
  await fs.rm(path.join(folder, 'my-sale-drill.json'));
  await fs.rm(path.join(folder, 'broken-drill.json'));
  const open = row.getByRole('button', { name: 'Open drill' });
  await expect(open).toHaveAttribute('title', /not in the library any more/, { timeout: 10_000 });
  await open.click();
  await expect(row.getByRole('alert')).toHaveText(
    'The drill “My own sale drill” (my-sale-drill) is not in the library any more: no built-in drill and no valid drill in your scenario folder has that id.',
  );
  await expect(page.getByTestId('drill-view')).toHaveCount(0);
  await page.getByTestId('history-drills').screenshot({ path: 'test-results/history-drill-gone.png' });
});
