import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

const queue = JSON.parse(readFileSync('scenarios/redis-queue-fills.json', 'utf8')) as { title: string };

test('a trainee writes PromQL in Explore with autocomplete, graphs it and pins it to the dashboard', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  const card = page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: queue.title });
  await card.getByRole('button', { name: 'Open briefing' }).click();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await page.getByRole('button', { name: '60x' }).click();
  await expect(page.getByRole('alert')).toContainText('PAGE', { timeout: 120_000 });
  await page.getByRole('button', { name: '1x' }).click();

  await page.getByRole('tab', { name: 'Explore' }).click();
  const editor = page.getByRole('textbox', { name: 'PromQL query' });
  await editor.click();
  // Autocomplete offers the run's metric names as the trainee types.
  await page.keyboard.type('redis_memory_u');
  const option = page.getByRole('option', { name: /redis_memory_used_bytes/ });
  await expect(option).toBeVisible();
  await option.click(); // accepts the completion
  await expect(editor).toHaveText('redis_memory_used_bytes');
  await page.keyboard.type(' / 1024 / 1024');
  await page.keyboard.press('Enter'); // runs the query

  const result = page.getByRole('region', { name: 'Query result' });
  await expect(result).toContainText('series · step 15s');
  await expect(result.locator('canvas').first()).toBeVisible();
  await expect(result.getByRole('table')).toContainText('instance="notify-jobs:6379"');
  await page.screenshot({ path: 'test-results/explore.png' });

  // A bad query answers with Prometheus's error, not a crash.
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('rate(http_requests_total');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(result.locator('.explore-error')).toContainText('range vector');

  // History brings the good query back; pin it and find it on the dashboard.
  await page
    .getByRole('region', { name: 'Query history' })
    .getByText('redis_memory_used_bytes / 1024 / 1024')
    .click();
  await result.getByRole('button', { name: 'Pin to dashboard' }).click();
  await expect(result.getByRole('button', { name: 'Pinned' })).toBeDisabled();
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  const pinned = page.getByRole('figure', { name: 'redis_memory_used_bytes / 1024 / 1024' });
  await expect(pinned).toBeVisible();
  await expect(pinned.locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/explore-pinned.png' });
});
