import { expect, test, type Page } from '@playwright/test';

/** A written test three hours, twelve times the offered ramp: long enough to watch its progress. */
const LONG_TEST = JSON.stringify({
  name: 'soak-3h',
  startRate: 100,
  stages: [
    { duration: '10m', target: 1200 },
    { duration: '170m', target: 1200 },
  ],
  thresholds: { http_req_failed: ['rate<0.01'] },
});

/** Starts recording the page's long tasks (main-thread tasks over 50 ms). */
async function recordLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
}

async function longTasks(page: Page, label: string, ms: number): Promise<number[]> {
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const total = tasks.reduce((a, b) => a + b, 0);
  console.log(
    `${label}: ${ms} ms; long tasks: ${tasks.length}, total ${total} ms, max ${Math.max(0, ...tasks)} ms`,
  );
  return tasks;
}

test('a drill load test runs off the UI thread, with its progress shown', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('article', { name: 'Checkout before the Black Friday sale' })
    .getByRole('button', { name: 'Open drill' })
    .click();
  const view = page.getByTestId('drill-view');
  const run = view.getByRole('button', { name: 'Run load test' });
  await expect(run).toBeEnabled();

  // The offered first test.
  await recordLongTasks(page);
  let started = Date.now();
  await run.click();
  await expect(page.getByTestId('k6-summary')).toHaveCount(1, { timeout: 30_000 });
  await longTasks(page, 'ramp-to-4x', Date.now() - started);

  // A long written test: its progress shows and the other steps wait for it.
  await view.getByRole('textbox', { name: 'Load test' }).fill(LONG_TEST);
  await recordLongTasks(page);
  started = Date.now();
  await run.click();
  const progress = page.getByTestId('drill-testing');
  await expect(progress).toContainText('Running “soak-3h”');
  await expect(run).toBeDisabled();
  await expect(view.getByRole('button', { name: 'Wait 1h' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/drill-load-test-running.png' });
  await expect(page.getByTestId('k6-summary')).toHaveCount(2, { timeout: 60_000 });
  const tasks = await longTasks(page, 'soak-3h', Date.now() - started);
  await expect(progress).toBeHidden();
  await expect(run).toBeEnabled();
  // The engine's seconds are in the worker: the page's own tasks stay short (before: one task as
  // long as the whole run).
  expect(Math.max(0, ...tasks)).toBeLessThan(500);
});
