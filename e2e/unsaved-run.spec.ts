/**
 * Issue 15 item 3: the server refuses run saves across the end of a run. The run must say it is
 * not saved, survive a reload, and land complete (ended, every step) once the server answers.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const dns = JSON.parse(readFileSync('scenarios/log-shipper-floods-dns.json', 'utf8')) as {
  rootCause: { node: string; causes: [string, ...string[]] };
};

interface RunFile {
  file: string;
  data?: { status: string; steps: { kind: string }[] };
}

/** The saved runs as the server has them (page.request is not subject to page.route). */
async function savedRuns(page: Page): Promise<RunFile[]> {
  const token = await page.locator('meta[name="outage-lab-token"]').getAttribute('content');
  const response = await page.request.get('/api/runs', { headers: { 'x-outage-lab-token': token ?? '' } });
  expect(response.ok()).toBe(true);
  return (await response.json()) as RunFile[];
}

/** Makes every run save fail as if the server were down. */
async function refuseRunSaves(page: Page): Promise<void> {
  await page.route('**/api/runs/*', (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: 'The server is down for this test.' }),
        })
      : route.fallback(),
  );
}

test('a run that ends while the server refuses saves is kept, retried and saved complete', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  const before = new Set((await savedRuns(page)).map((r) => r.file));

  const card = page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: /DNS/i });
  await card.getByRole('button', { name: 'Open briefing' }).click();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await page.getByRole('button', { name: '60x' }).click();

  // Two steps while the server still answers: acknowledge the page, declare the root cause.
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('PAGE', { timeout: 60_000 });
  await page.getByRole('button', { name: '1x' }).click();
  await banner.getByRole('button', { name: 'Acknowledge' }).first().click();
  await page.getByRole('button', { name: 'Declare root cause' }).click();
  const dialog = page.getByRole('dialog', { name: 'Declare root cause' });
  await dialog.getByLabel('Component').selectOption(dns.rootCause.node);
  await dialog.getByLabel('Cause').selectOption(dns.rootCause.causes[0]);
  await dialog.getByRole('button', { name: 'Declare' }).click();

  // The server goes away: the next autosave fails and the console says so.
  await refuseRunSaves(page);
  await page.getByRole('button', { name: '60x' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('not saved · retrying', { timeout: 30_000 });

  // The run ends while saves fail: the end screen says it is not saved yet.
  await page.getByRole('button', { name: 'Resolve' }).click();
  // Resolving while the objectives are not met asks first (no one-click endings).
  await page
    .getByRole('button', { name: 'Resolve anyway' })
    .click({ timeout: 3000 })
    .catch(() => undefined);
  const notice = page.getByTestId('unsaved-run');
  await expect(notice).toContainText('Not saved yet');
  await expect(notice).toContainText('The server is down for this test.');
  await page.screenshot({ path: 'test-results/unsaved-run.png' });

  // Export run JSON hands over the complete record.
  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: 'Export run JSON' }).click();
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
    id: string;
    status: string;
    steps: { kind: string }[];
  };
  expect(exported.status).toBe('resolved');
  expect(exported.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['acknowledge', 'declare']));
  const file = `${exported.id}.json`;
  expect(before.has(file)).toBe(false);

  // On the server the run is still the last autosave that got through.
  const stale = (await savedRuns(page)).find((r) => r.file === file);
  expect(stale?.data?.status).toBe('in-progress');

  // Leaving with a save pending asks first (issue 15: the warning covers unsaved runs too); a
  // reload while the server is still down, confirmed, keeps the run: History lists it.
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.type();
    void dialog.accept();
  });
  await page.reload();
  expect(asked).toBe('beforeunload');
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('unsaved-run')).toContainText('Not saved yet', { timeout: 10_000 });
  // History shows the finished record kept here, not the stale in-progress one on the server.
  const row = page.locator(`tr[data-file="${file}"]`);
  await expect(row).toContainText('resolved');
  await expect(row).toContainText('not saved yet');
  await expect(row.getByRole('button', { name: 'Resume' })).toHaveCount(0);

  // The server answers again: the automatic retry saves the complete record.
  await page.unrouteAll({ behavior: 'wait' });
  await expect(page.getByTestId('unsaved-run')).toHaveCount(0, { timeout: 40_000 });
  const saved = (await savedRuns(page)).find((r) => r.file === file);
  expect(saved?.data?.status).toBe('resolved');
  expect(saved?.data?.steps).toEqual(exported.steps);
  expect(await page.evaluate(() => localStorage.getItem('outage-lab.pending-run-saves'))).toBeNull();
  await expect(row).toContainText('resolved');
  await expect(row).not.toContainText('not saved yet');
});

test('with the browser’s storage full, the end screen says the run is kept only in this tab', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Only the pending-saves key fails, as a full quota would for a large record.
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key === 'outage-lab.pending-run-saves')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      setItem.call(this, key, value);
    };
  });
  await page.goto('/');
  const card = page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: /DNS/i });
  await card.getByRole('button', { name: 'Open briefing' }).click();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await refuseRunSaves(page);
  await page.getByRole('button', { name: '60x' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('not saved · only in this tab', {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Resolve' }).click();
  await page
    .getByRole('button', { name: 'Resolve anyway' })
    .click({ timeout: 3000 })
    .catch(() => undefined);
  const notice = page.getByTestId('unsaved-run');
  await expect(notice).toContainText(
    'The run is kept only in this tab: cannot keep a copy in this browser: the browser’s storage is full (QuotaExceededError); export it',
  );
  await page.screenshot({ path: 'test-results/unsaved-run-storage-full.png' });
  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: 'Export run JSON' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
});
