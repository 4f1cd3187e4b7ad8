/**
 * Issue 14 item 5: no one-click endings. Resolving while the objectives are broken and abandoning
 * both ask first and say what will happen; keeping working keeps the run going.
 */
import { expect, test } from '@playwright/test';

test('Resolve and Abandon ask before they end a running incident', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const card = page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: /threads/i });
  await card.getByRole('button', { name: 'Open briefing' }).click();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await page.getByRole('button', { name: '60x' }).click();
  await expect(page.getByRole('alert')).toContainText('PAGE', { timeout: 60_000 });
  await page.getByRole('button', { name: '1x' }).click();

  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  const resolve = page.getByRole('alertdialog', { name: 'Resolve the incident?' });
  await expect(resolve).toContainText('not mitigated');
  await page.screenshot({ path: 'test-results/resolve-confirm.png' });
  await resolve.getByRole('button', { name: 'Keep working' }).click();
  await expect(resolve).toBeHidden();
  await expect(page.getByText('You abandoned the run.')).toBeHidden();

  await page.getByRole('button', { name: 'Abandon' }).click();
  const abandon = page.getByRole('alertdialog', { name: 'Abandon the incident?' });
  await expect(abandon).toContainText('scored as abandoned');
  await abandon.getByRole('button', { name: 'Abandon' }).click();
  await expect(page.getByText('You abandoned the run.')).toBeVisible({ timeout: 10_000 });
});
