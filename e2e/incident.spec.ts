import { expect, test, type Page } from '@playwright/test';

async function startScenario(page: Page, title: RegExp) {
  await page.goto('/');
  const card = page.getByRole('article', { name: title });
  await card.getByRole('button', { name: 'Open briefing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
}

test('a trainee gets paged, acknowledges, acts, declares and resolves', async ({ page }) => {
  test.setTimeout(150_000);
  await startScenario(page, /DNS/i);
  await page.getByRole('button', { name: '60x' }).click();

  const banner = page.getByRole('alert');
  await expect(banner).toContainText('PAGE', { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/incident-dashboard.png' });
  await banner.getByRole('button', { name: 'Acknowledge' }).first().click();

  await page.getByRole('button', { name: '1x' }).click();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.screenshot({ path: 'test-results/incident-palette.png' });
  // A typed kubectl-like command: the first offered action is destructive, so it asks to confirm.
  await palette.getByRole('option').first().click();
  const confirm = palette.getByRole('alertdialog', { name: 'Confirm action' });
  await expect(confirm.or(palette.getByRole('status'))).toBeVisible();
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Run it' }).click();
  await expect(palette.getByRole('status')).toBeVisible();
  await page.keyboard.press('Escape');

  for (const tab of ['Topology', 'Alerts', 'Logs', 'Traces', 'Events']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.screenshot({ path: `test-results/incident-${tab.toLowerCase()}.png` });
  }
  await expect(page.getByRole('tabpanel')).toContainText('Acknowledged');

  await page.getByRole('button', { name: 'Declare root cause' }).click();
  const dialog = page.getByRole('dialog', { name: 'Declare root cause' });
  await dialog.getByLabel('Component').selectOption({ index: 1 });
  await dialog.getByLabel('Failure').selectOption({ index: 1 });
  await dialog.getByRole('button', { name: 'Declare' }).click();

  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByText('You declared the incident resolved.')).toBeVisible();

  // The debrief scores the run and shows the hidden truth beside what the trainee did.
  await page.getByRole('button', { name: 'Open the debrief' }).click();
  await expect(page.getByText(/\/\s*100/).first()).toBeVisible();
  await expect(page.getByText(/Time to acknowledge|Acknowledge/).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/debrief.png', fullPage: true });

  // The run was saved to disk and is listed in History.
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByText(/log shipper/i).first()).toBeVisible();
  await expect(page.getByText(/resolved/i).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/history.png', fullPage: true });
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`the console keeps its layout at ${viewport.width}x${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await startScenario(page, /Redis/i);
    await page.getByRole('button', { name: '60x' }).click();
    await expect(page.getByTestId('status-bar')).toBeVisible();
    await page.waitForTimeout(1500);
    // Nothing may overflow the window horizontally.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/console-${viewport.width}x${viewport.height}.png` });
  });
}
