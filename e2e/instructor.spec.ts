import { expect, test, type Page } from '@playwright/test';

const NOTE = 'GM-NOTE trainee went straight to the database';
/** Strings that only instructor-only information contains. */
const SECRETS = [
  'Game master',
  'Hidden truth',
  'GM-NOTE',
  'Injected',
  'injected',
  'error-rate',
  'rate=0.7',
  'dependency-outage',
  'Index maintenance',
  'to the trainee',
];

async function fullText(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.textContent ?? '');
}

async function clockSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('sim-clock').textContent()) ?? '';
  const match = /T\+(\d+):(\d+)/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : -1;
}

async function expectNoSecrets(page: Page, where: string) {
  const text = await fullText(page);
  for (const secret of SECRETS) expect(text, `${where} shows "${secret}"`).not.toContain(secret);
}

test('an instructor runs a game day with a live trainee view that never shows the hidden truth', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  // The built-in card (the editor's e2e may have saved a copy with a similar title).
  const card = page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: /runs out of threads/i });
  await card.getByRole('button', { name: 'Open briefing' }).click();
  await expect(page.getByRole('button', { name: 'Start as instructor' })).toBeVisible();
  await page.screenshot({ path: 'test-results/instructor-briefing.png' });
  await page.getByRole('button', { name: 'Start as instructor' }).click();
  const panel = page.getByTestId('game-master-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Hidden truth');
  await expect(panel).toContainText('dependency-outage');
  await expect(panel).toContainText('upcoming');
  await page.screenshot({ path: 'test-results/instructor-start.png' });

  // The trainee view opens in a second tab and joins the same run.
  const traineePromise = context.waitForEvent('page');
  await panel.getByRole('button', { name: 'Open trainee view' }).click();
  const trainee = await traineePromise;
  await trainee.waitForLoadState();
  expect(trainee.url()).toContain('#trainee=thread-exhaustion-');
  await expect(trainee.getByTestId('sim-clock')).toBeVisible({ timeout: 15_000 });
  await expect(trainee.getByText(/Trainee view/)).toBeVisible();

  await page.getByRole('button', { name: '10x' }).click();

  // Inject a fault now, and schedule a second one.
  const form = panel.getByRole('form', { name: 'Inject a fault' });
  await form.getByLabel('Fault', { exact: true }).selectOption('error-rate');
  await form.getByLabel('Target', { exact: true }).selectOption('storefront');
  await form.getByLabel('rate', { exact: true }).fill('0.7');
  // The form says how the fault ends; with no fix in the catalog and no duration it is the
  // instructor's by default (left out of the score).
  await expect(form.getByTestId('inject-ending')).toContainText('no action in the catalog fixes it');
  await expect(form.getByLabel('Scored as')).toHaveValue('instructor');
  await form.getByRole('button', { name: 'Inject' }).click();
  await expect(form.getByRole('status')).toContainText('Injected error-rate on storefront');
  await form.getByLabel('Fault', { exact: true }).selectOption('latency');
  await form.getByLabel('Target', { exact: true }).selectOption('product-db');
  await form.getByLabel('When').selectOption('at');
  await form.getByLabel('Simulated time').fill('20:00');
  await form.getByRole('button', { name: 'Inject' }).click();
  await expect(panel).toContainText('scheduled');

  await panel.getByLabel('Note').fill(NOTE);
  await panel.getByRole('button', { name: 'Add note' }).click();
  await expect(panel.getByTestId('gm-notes')).toContainText(NOTE);
  await expect(panel).toContainText('injected');
  await expect(panel.getByTestId('gm-hidden-events')).toContainText('error-rate on storefront');
  await expect(panel.getByTestId('gm-hidden-events')).toContainText(NOTE);

  // Fast-forward past the scenario's own fault onset (T+04:00). The instructor turns off the
  // slowdown on pages for the shared run (the injected fault pages on the way).
  await page.getByRole('checkbox', { name: '1x on page' }).uncheck();
  await page.getByRole('button', { name: '60x' }).click();
  await expect(panel.getByTestId('gm-hidden-events')).toContainText('dependency-outage on recommendations', {
    timeout: 30_000,
  });
  await expect(panel.getByText('active').first()).toBeVisible();
  await panel.getByRole('heading', { name: 'Hidden truth' }).scrollIntoViewIfNeeded();
  await panel.screenshot({ path: 'test-results/instructor-panel.png' });
  await page.screenshot({ path: 'test-results/instructor-console.png' });

  // The trainee's clock follows the run live.
  const before = await clockSeconds(trainee);
  await expect.poll(() => clockSeconds(trainee), { timeout: 10_000 }).toBeGreaterThan(before);
  expect(await clockSeconds(trainee)).toBeGreaterThanOrEqual(240);

  // The instructor switches to another window. A background tab gets no animation frames; the
  // trainee's view must keep following the run all the same.
  await page.evaluate(() => {
    const w = window as unknown as { savedRaf?: typeof requestAnimationFrame };
    w.savedRaf = window.requestAnimationFrame;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    window.requestAnimationFrame = () => 0;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const hiddenAt = await clockSeconds(trainee);
  await expect.poll(() => clockSeconds(trainee), { timeout: 10_000 }).toBeGreaterThan(hiddenAt + 30);
  await page.evaluate(() => {
    const w = window as unknown as { savedRaf?: typeof requestAnimationFrame };
    window.requestAnimationFrame = w.savedRaf!;
    delete (document as { visibilityState?: unknown }).visibilityState;
    document.dispatchEvent(new Event('visibilitychange'));
  });

  // The instructor's tab hangs for 9 s (a frozen renderer sends no goodbye): the trainee is told
  // that the view is frozen, and the warning goes once the console answers again.
  const hang = page.evaluate(() => {
    const until = Date.now() + 9_000;
    while (Date.now() < until) {
      // busy: no timers, no messages
    }
  });
  const lost = trainee.locator('.trainee-banner.lost');
  await expect(lost).toContainText("Lost contact with the instructor's console", { timeout: 9_000 });
  await trainee.screenshot({ path: 'test-results/trainee-link-lost.png' });
  await hang;
  await expect(lost).toHaveCount(0, { timeout: 5_000 });
  await expect(trainee.getByText(/Trainee view/)).toBeVisible();

  // The instructor reveals a hint: the trainee's hint counter follows.
  await panel.getByRole('button', { name: /Reveal hint 1 to the trainee/ }).click();
  await expect(trainee.getByRole('button', { name: /Hints 1\/3/ })).toBeVisible();

  // The trainee's own command reaches the run: acknowledging the page clears it on both screens.
  const banner = trainee.getByRole('alert');
  await expect(banner).toContainText('PAGE', { timeout: 30_000 });
  await page.getByRole('button', { name: '1x' }).click();
  await trainee.screenshot({ path: 'test-results/trainee-console.png' });
  await banner.getByRole('button', { name: 'Acknowledge' }).first().click();
  await expect(page.getByRole('tab', { name: 'Events' })).toBeVisible();
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('Acknowledged', { timeout: 10_000 });

  // Nothing instructor-only ever reaches the trainee, on any tab.
  await expect(trainee.getByTestId('game-master-panel')).toHaveCount(0);
  for (const tab of ['Dashboard', 'Topology', 'Alerts', 'Logs', 'Traces', 'Events']) {
    await trainee.getByRole('tab', { name: tab }).click();
    await trainee.waitForTimeout(200);
    await expectNoSecrets(trainee, `The trainee's ${tab} tab`);
  }
  await trainee.getByRole('button', { name: /Hints/ }).click();
  await expect(trainee.getByRole('dialog', { name: 'Hints' })).toContainText("product-api's threads");
  await expectNoSecrets(trainee, "The trainee's hints");
  await trainee.screenshot({ path: 'test-results/trainee-events.png' });
  await trainee.getByRole('button', { name: /Hints/ }).click();

  // The trainee tab is locked to the console: no library (briefings, instructor start, scenario
  // files), no history, no editor, not even by shortcut, until the instructor unlocks it.
  const traineeNav = trainee.getByRole('navigation', { name: 'Main' });
  await expect(traineeNav.getByRole('button')).toHaveText(['Incident', 'Debrief']);
  await expect(traineeNav).toContainText('Locked by the instructor');
  await trainee.keyboard.press('Alt+5');
  await trainee.keyboard.press('Alt+1');
  await expect(trainee.getByTestId('sim-clock')).toBeVisible();
  await expect(trainee.getByRole('heading', { name: /Editor|Library/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Unlock trainee views' }).click();
  await expect(traineeNav.getByRole('button', { name: 'Library' })).toBeVisible();
  await expect(traineeNav).not.toContainText('Locked by the instructor');

  // The instructor's own screen does show them.
  const instructorText = await fullText(page);
  for (const shown of ['Game master', NOTE, 'injected', 'dependency-outage'])
    expect(instructorText).toContain(shown);
  await page.screenshot({ path: 'test-results/instructor-events.png' });

  // The instructor ends the run: the debrief shows the note and the injection on the timeline;
  // the trainee's end screen still shows none of it.
  await page.getByRole('button', { name: 'Resolve' }).click();
  // Resolving while the objectives are not met asks first (no one-click endings).
  await page
    .getByRole('button', { name: 'Resolve anyway' })
    .click({ timeout: 3000 })
    .catch(() => undefined);
  await expect(trainee.getByText('You declared the incident resolved.')).toBeVisible({ timeout: 10_000 });
  await expectNoSecrets(trainee, "The trainee's end screen");
  await trainee.screenshot({ path: 'test-results/trainee-ended.png' });
  await page.getByRole('button', { name: 'Open the debrief' }).click();
  await expect(page.getByText(/\/\s*100/).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(`Note: ${NOTE}`).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Instructor injected error-rate on storefront').first()).toBeVisible();
  await expect(page.getByTestId('instructor-faults')).toContainText('error-rate on storefront');
  await page.screenshot({ path: 'test-results/instructor-debrief.png', fullPage: true });
});
