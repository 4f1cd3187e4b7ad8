/**
 * Issue 14 item 8: navigation and resume. "Open briefing" after a run opens the briefing (not the
 * old end screen); opening another scenario during a run asks whether to go back or abandon; a
 * reload mid-run offers to resume from the last save.
 */
import { expect, test, type Page } from '@playwright/test';

const library = (page: Page) => page.getByRole('region', { name: 'Built-in scenarios' });

async function openBriefing(page: Page, title: RegExp) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
  await library(page)
    .getByRole('article', { name: title })
    .getByRole('button', { name: 'Open briefing' })
    .click();
}

async function start(page: Page, title: RegExp) {
  await openBriefing(page, title);
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
}

test('Open briefing after a run shows the briefing, not the old end screen', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await start(page, /threads/i);
  await page.getByRole('button', { name: 'Abandon' }).click();
  await page
    .getByRole('alertdialog', { name: 'Abandon the incident?' })
    .getByRole('button', { name: 'Abandon', exact: true })
    .click();
  // Abandoned in its first second (the run may still be starting): it must still end. Ending runs
  // the counterfactual replays in the worker (formula 3): allow a loaded machine time.
  await expect(page.getByRole('button', { name: 'Open the debrief' })).toBeVisible({ timeout: 30_000 });

  await openBriefing(page, /threads/i);
  await expect(page.getByRole('button', { name: 'Start incident' })).toBeVisible();
  // The Incident tab still reaches the ended run's end screen once the trainee leaves the briefing.
});

test('opening another scenario during a run asks first', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await start(page, /threads/i);

  await openBriefing(page, /DNS/i);
  const ask = page.getByRole('alertdialog', { name: 'A run is in progress' });
  await expect(ask).toBeVisible();
  await page.screenshot({ path: 'test-results/switch-run.png' });
  await ask.getByRole('button', { name: 'Back to the running incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();

  await openBriefing(page, /DNS/i);
  await page.getByRole('button', { name: 'Abandon it and open the briefing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /DNS/i })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start incident' })).toBeVisible();
});

test('a reload mid-run offers to resume it from its last save', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await start(page, /DNS/i);
  await page.getByRole('button', { name: '60x' }).click();
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('PAGE', { timeout: 60_000 });
  await banner.getByRole('button', { name: 'Acknowledge' }).first().click();
  await expect(banner).toBeHidden();

  page.on('dialog', (dialog) => void dialog.accept()); // the leave warning
  await page.reload();
  const offer = page.getByRole('region', { name: 'Interrupted run' });
  await expect(offer).toContainText(/was interrupted at T\+\d\d:\d\d \(1 step saved\)/);
  await page.screenshot({ path: 'test-results/interrupted-run.png' });
  await offer.getByRole('button', { name: 'Resume' }).click();
  // The resumed run has its acknowledgement: no page banner, and the clock is past the page.
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await expect(page.getByRole('alert')).toBeHidden();
  await expect(page.getByTestId('sim-clock')).not.toHaveText(/T\+00:0\d/);
});
