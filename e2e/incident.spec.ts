import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

interface ScenarioJson {
  title: string;
  rootCause: { node: string; causes: [string, ...string[]] };
}
const dns = JSON.parse(readFileSync('scenarios/log-shipper-floods-dns.json', 'utf8')) as ScenarioJson;

async function startScenario(page: Page, title: RegExp) {
  await page.goto('/');
  const card = page.getByRole('region', { name: 'Built-in scenarios' }).getByRole('article', { name: title });
  await card.getByRole('button', { name: 'Open briefing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
}

/** Runs at 60x to the end: a later re-page must not slow it back to 1x (issue 14 item 4). */
async function fastForward(page: Page) {
  await page.getByRole('checkbox', { name: '1x on page' }).uncheck();
  await page.getByRole('button', { name: '60x' }).click();
}

/** Types a real command in the palette and runs it (confirming a destructive one). */
async function runAction(page: Page, command: string) {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('textbox').fill(command);
  await expect(palette.getByTestId('palette-typed')).toContainText(command);
  await palette.getByRole('textbox').press('Enter');
  const confirm = palette.getByRole('alertdialog', { name: 'Confirm action' });
  await expect(confirm.or(palette.getByRole('status'))).toBeVisible();
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Run it' }).click();
  await expect(palette.getByRole('status')).toBeVisible();
  await page.screenshot({ path: 'test-results/incident-palette.png' });
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
}

test('a trainee plays the DNS outage end to end and reaches the debrief and History', async ({ page }) => {
  test.setTimeout(240_000);
  await startScenario(page, /DNS/i);
  await page.getByRole('button', { name: '60x' }).click();

  // Paged: the banner is unmissable until acknowledged.
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('PAGE', { timeout: 60_000 });
  // The page slowed the run to 1x by itself, on the tick it fired (issue 14 item 4).
  await expect(page.getByTestId('page-slowdown')).toContainText(/Paged at T\+\d\d:\d\d: slowed to 1x/);
  await expect(page.getByRole('button', { name: '1x', exact: true })).toHaveClass(/active/);
  const clockSeconds = async () => {
    const [m, s] = ((await page.getByTestId('sim-clock').textContent()) ?? '')
      .replace(/^T\+/, '')
      .split(/[: ]/);
    return Number(m) * 60 + Number(s);
  };
  const before = await clockSeconds();
  await page.waitForTimeout(2000);
  // At 60x two real seconds would be two simulated minutes; at 1x they are about two seconds.
  expect((await clockSeconds()) - before).toBeLessThan(20);
  await page.screenshot({ path: 'test-results/incident-dashboard.png' });
  // Acknowledging does not make the console jump under the pointer (issue 14 item 11).
  const tabsTop = async () =>
    (await page.getByRole('tablist', { name: 'Console views' }).boundingBox())?.y ?? NaN;
  const topBefore = await tabsTop();
  await banner.getByRole('button', { name: 'Acknowledge' }).first().click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('page-acked')).toContainText('ACKNOWLEDGED');
  expect(Math.abs((await tabsTop()) - topBefore)).toBeLessThanOrEqual(1);

  // Topology: inspect the failing resolver.
  await page.getByRole('tab', { name: 'Topology' }).click();
  await page.getByTestId('topo-node-coredns').click();
  await expect(page.getByTestId('node-panel')).toContainText(/coredns/i);
  await page.screenshot({ path: 'test-results/incident-topology.png' });

  // Logs: a line of a sampled request opens its trace.
  await page.getByRole('tab', { name: 'Logs' }).click();
  const traced = page.locator('.logs-link.has-trace').last();
  await expect(traced).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: 'test-results/incident-logs.png' });
  await traced.click();
  await expect(page.getByRole('tab', { name: 'Traces' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('waterfall')).toBeVisible();
  await page.screenshot({ path: 'test-results/incident-traces.png' });

  await page.getByRole('tab', { name: 'Alerts' }).click();
  await page.screenshot({ path: 'test-results/incident-alerts.png' });

  // Declare the root cause, then take the correct action.
  await page.getByRole('button', { name: 'Declare root cause' }).click();
  const dialog = page.getByRole('dialog', { name: 'Declare root cause' });
  await dialog.getByLabel('Component').selectOption(dns.rootCause.node);
  await dialog.getByLabel('Cause').selectOption(dns.rootCause.causes[0]);
  await dialog.getByRole('button', { name: 'Declare' }).click();
  await runAction(page, 'kubectl delete deploy/log-shipper');
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('Acknowledged');
  await page.screenshot({ path: 'test-results/incident-events.png' });

  // Watch the SLOs recover and hold: the run ends as mitigated.
  await fastForward(page);
  await expect(page.getByText('Mitigated: every SLO held for the hold time.')).toBeVisible({
    timeout: 90_000,
  });

  // The debrief scores the run and shows the hidden truth beside what the trainee did.
  await page.getByRole('button', { name: 'Open the debrief' }).click();
  await expect(page.getByText(/\/\s*100/).first()).toBeVisible();
  await expect(page.getByText(/Acknowledged .* after the first page/)).toBeVisible();
  await page.screenshot({ path: 'test-results/debrief.png' });
  // Formula 3: the fix's effect is measured by replaying the run without it, and the ideal
  // response is replayed from when the trainee first acted.
  await expect(page.getByText(/measured: [\d,]+ fewer failed requests/).first()).toBeVisible();
  await expect(page.getByTestId('ideal-replay')).toContainText(
    /Replayed with the ideal response starting at T\+/,
  );
  await page.getByTestId('ideal-replay').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/debrief-ideal.png' });
  // Scrub through the run: the SLOs and the last events at that moment.
  const slider = page.getByRole('slider', { name: 'Moment of the run' });
  await slider.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('scrub-state')).toContainText('T+00:10');

  // Would the alerts have caught it? The scenario's own rules, checked in a worker.
  const coverage = page.getByTestId('alert-coverage');
  await coverage.getByRole('button', { name: 'Check the alerts' }).click();
  await expect(coverage.getByTestId('alert-coverage-outcome')).toHaveText(/^(Caught|Missed)$/, {
    timeout: 30_000,
  });
  await expect(coverage.getByTestId('alert-coverage-verdict')).toContainText('FrontendErrorRateHigh');
  await expect(coverage.locator('.alert-coverage-fired tbody tr').first()).toBeVisible();
  await coverage.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/debrief-alert-coverage.png' });

  // The run was saved to disk and is listed in History.
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByText(dns.title).first()).toBeVisible();
  await expect(page.getByText(/mitigated/i).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/history.png' });

  // A finished run's debrief is rebuilt from its saved steps (deterministic replay): same score.
  const total = await page.locator('tr.is-best td.num strong').first().textContent();
  await page.getByRole('button', { name: 'Debrief' }).first().click();
  await expect(page.getByText(new RegExp(`^${total}$`)).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Acknowledged .* after the first page/)).toBeVisible();
});

test('a wrong action does not bring the system back', async ({ page }) => {
  test.setTimeout(180_000);
  await startScenario(page, /DNS/i);
  await page.getByRole('button', { name: '60x' }).click();
  await expect(page.getByRole('alert')).toContainText('PAGE', { timeout: 60_000 });
  await page.getByRole('button', { name: '1x' }).click();
  await runAction(page, 'kubectl rollout restart deploy/api');
  await fastForward(page);
  // The run reaches its end with the SLOs still broken: time runs out, nothing is mitigated.
  await expect(page.getByText('Time ran out before the SLOs recovered.')).toBeVisible({ timeout: 120_000 });
});

test('a typed kubectl command, completed with Tab, rolls back the bad release', async ({ page }) => {
  test.setTimeout(180_000);
  await startScenario(page, /Orders start failing/i);
  await page.getByRole('button', { name: '60x' }).click();
  await expect(page.getByRole('alert')).toContainText('PAGE', { timeout: 90_000 });
  await page.getByRole('button', { name: '1x' }).click();

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  // Every deployment is offered, not only the ones the scenario classifies.
  const input = palette.getByRole('textbox');
  await input.fill('kubectl rollout undo deploy/');
  const options = palette.getByRole('option');
  await expect(options.first()).toHaveText(/kubectl rollout undo deploy\/gateway/);
  await expect(options.nth(1)).toContainText('kubectl rollout undo deploy/orders');
  await input.press('ArrowDown');
  await page.screenshot({ path: 'test-results/palette-completions.png' });
  await input.press('Tab');
  await expect(input).toHaveValue('kubectl rollout undo deploy/orders');
  await input.press('Enter');
  await expect(palette.getByRole('status')).toContainText('Rolling back orders from v413 to v412');
  await page.keyboard.press('Escape');

  // A mistyped name gets a plain answer, not a crash.
  await page.keyboard.press('Control+k');
  await input.fill('kubectl scale deploy/orders-db --replicas=3');
  await input.press('Enter');
  await expect(palette.getByRole('status')).toContainText(
    'orders-db is a database: kubectl scale applies to services',
  );
  await page.screenshot({ path: 'test-results/palette-error.png' });
  await page.keyboard.press('Escape');

  await fastForward(page);
  await expect(page.getByText('Mitigated: every SLO held for the hold time.')).toBeVisible({
    timeout: 120_000,
  });
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`the console keeps its layout at ${viewport.width}x${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await startScenario(page, /notification queue fills Redis/i);
    await page.getByRole('button', { name: '60x' }).click();
    await expect(page.getByTestId('status-bar')).toBeVisible();
    await page.waitForTimeout(1500);
    // Nothing may overflow the window horizontally.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // ...nor be cut off inside the console header (it clips, so the page itself does not scroll).
    for (const button of await page.locator('.console-header button').all()) {
      const box = await button.boundingBox();
      const name = (await button.textContent()) ?? '';
      expect(box, name).not.toBeNull();
      expect(box!.x + box!.width, name).toBeLessThanOrEqual(viewport.width);
    }
    await page.screenshot({ path: `test-results/console-${viewport.width}x${viewport.height}.png` });
  });
}

// The palette proposed the scenario's replicas after a scale: its values are the live system's.
test("after a scale the palette proposes the live replica count, not the scenario's", async ({ page }) => {
  test.setTimeout(120_000);
  await startScenario(page, /Orders start failing/i);
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const input = palette.getByRole('textbox');
  const options = palette.getByRole('option');
  await page.getByRole('button', { name: 'Ctrl+K Actions' }).click();
  await input.fill('scale orders');
  await expect(options.first()).toHaveText(/kubectl scale deploy\/orders --replicas=4/);
  await input.fill('kubectl scale deploy/orders --replicas=6');
  await input.press('Enter');
  await expect(palette.getByRole('status')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  await page.getByRole('button', { name: 'Ctrl+K Actions' }).click();
  await input.fill('scale orders');
  await expect(options.first()).toHaveText(/kubectl scale deploy\/orders --replicas=6/, { timeout: 30_000 });
  await expect(options.filter({ hasText: '--replicas=4' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/palette-live-replicas.png' });
});
