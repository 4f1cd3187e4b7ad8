/**
 * Incident communication (issue 17): a trainee declares SEV2, posts a status update from a
 * template, publishes the status page, hears from a stakeholder, pages the database team (whose
 * responder reports from the engine and runs an action when asked from the command line), and
 * finds all of it in the debrief's communication column and the postmortem's customer-impact section.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

const scenario = JSON.parse(readFileSync('scenarios/bad-deploy-rollback.json', 'utf8')) as { title: string };

test('a trainee keeps stakeholders informed and sees it in the debrief and postmortem', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const card = page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: scenario.title });
  await card.getByRole('button', { name: 'Open briefing' }).click();
  // The briefing gives the org's severity definitions.
  await expect(page.getByRole('heading', { name: 'Severity levels' })).toBeVisible();
  await expect(page.getByText(/Partial outage: a significant share of customers/)).toBeVisible();
  await page.screenshot({ path: 'test-results/comms-briefing.png' });
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await page.getByRole('button', { name: '60x' }).click();
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('PAGE', { timeout: 90_000 });
  await banner.getByRole('button', { name: 'Acknowledge' }).first().click();

  // The channel: closed by default (the console stays uncluttered), with an unread count.
  const pane = page.getByTestId('channel-pane');
  await expect(pane).toBeHidden();
  await page.screenshot({ path: 'test-results/comms-console-closed.png' });
  await page.getByTestId('channel-toggle').click();
  await expect(pane).toBeVisible();

  await pane.getByRole('button', { name: 'SEV2' }).click();
  await expect(pane).toContainText('Declared the incident SEV2');
  await pane.getByRole('button', { name: 'Investigating' }).click();
  const update = pane.getByRole('textbox', { name: 'Status update' });
  await expect(update).toHaveValue(/We are investigating/);
  await update.fill(
    'Investigating failed orders on gateway since the 14:06 release. Next update in 15 minutes.',
  );
  await pane.getByRole('button', { name: 'Post update' }).click();
  await expect(pane).toContainText('Investigating failed orders on gateway');

  await pane.getByRole('button', { name: 'Publish…' }).click();
  const form = pane.getByRole('form', { name: 'Publish to the status page' });
  await form.getByLabel('State').selectOption('investigating');
  await form.getByLabel('Impact').selectOption('partial-outage');
  await form.getByRole('button', { name: 'Publish' }).click();
  await expect(pane.getByTestId('status-page-current')).toContainText(
    'Investigating · Partial outage · gateway',
  );

  // A stakeholder speaks up (the support lead a minute into the SLO breach).
  await expect(pane).toContainText('Priya (Support lead)', { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/comms-console.png' });
  // Uncluttered at 1280x800: every header button inside the window, the views keep most of the width.
  const resolve = await page.getByRole('button', { name: 'Resolve', exact: true }).boundingBox();
  expect((resolve?.x ?? Infinity) + (resolve?.width ?? 0)).toBeLessThanOrEqual(1280);
  const paneBox = await pane.boundingBox();
  expect(paneBox?.width ?? Infinity).toBeLessThanOrEqual(330);
  // One header row with the channel open and the page slow-down note showing (it wrapped onto
  // four lines at 1280 px): the note sits in the 1x checkbox's caption.
  await expect(page.getByTestId('page-slowdown')).toBeVisible();
  const header = await page.locator('.console-header').boundingBox();
  expect(header?.height ?? Infinity).toBeLessThanOrEqual(52);
  await page.screenshot({
    path: 'test-results/comms-header-1280.png',
    clip: { x: 0, y: 0, width: 1280, height: 120 },
  });

  // Escalation: page the database team from the channel's form.
  await pane.getByRole('button', { name: 'Escalate…' }).click();
  const escalate = pane.getByTestId('escalate-form');
  await escalate.getByLabel('Team to page').selectOption('database');
  await escalate
    .getByRole('textbox', { name: 'What you tell them' })
    .fill('Orders fail since the 14:06 release; can you check orders-db?');
  await escalate.getByRole('button', { name: 'Page', exact: true }).click();
  await expect(escalate.getByRole('status')).toContainText('Paged database-oncall');
  await expect(pane).toContainText('Paged database-oncall: Orders fail since the 14:06 release');
  await page.getByRole('button', { name: '60x' }).click();
  await page.screenshot({
    path: 'test-results/comms-header-60x.png',
    clip: { x: 0, y: 0, width: 1280, height: 120 },
  });
  // The responder joins a few simulated minutes later with what the engine shows on the database.
  const report = pane.locator('.channel-entry', { hasText: 'From the database side right now' });
  await expect(report).toContainText('Jordan (DBA on-call)', { timeout: 60_000 });
  await expect(report).toContainText(
    /orders-db: \d+\/\d+ connections in use, \d+ slow queries running, CPU \d+%/,
  );
  // Ask it for an action from the command line.
  await page.keyboard.press('Control+k');
  const command = page.getByRole('textbox', { name: 'Command' });
  await command.fill('ask database-oncall kill-queries orders-db');
  await expect(page.getByTestId('palette-typed')).toContainText('ask database-oncall kill-queries orders-db');
  await command.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Command palette' }).getByRole('status')).toContainText(
    'Jordan (DBA on-call) will kill-queries orders-db',
  );
  await page.keyboard.press('Escape');
  await expect(pane).toContainText('Asked database-oncall to kill-queries orders-db');
  await expect(pane.locator('.channel-entry', { hasText: 'Done:' })).toContainText('Jordan (DBA on-call)', {
    timeout: 60_000,
  });
  await page.screenshot({ path: 'test-results/comms-escalation.png' });

  // #deploys: the change log answers "what changed?" with the scenario's deploys.
  await pane.getByRole('button', { name: '# deploys' }).click();
  const deploys = pane.getByTestId('deploys');
  await expect(deploys).toContainText('orders');
  await expect(deploys).toContainText('Serialize orders with the v2 schema (refactor)');
  await expect(deploys).toContainText('orders#2231');
  await page.screenshot({ path: 'test-results/comms-deploys.png' });
  // Runbooks: searched, opened (a run step), read.
  await pane.getByRole('button', { name: 'Runbooks' }).click();
  await pane.getByRole('searchbox', { name: 'Search runbooks' }).fill('gateway restart');
  await pane.getByRole('button', { name: 'Gateway returns 5xx' }).click();
  await expect(pane.getByTestId('runbook-page')).toContainText('Last reviewed 14 months ago');
  await page.screenshot({ path: 'test-results/comms-runbook.png' });
  await pane.getByRole('button', { name: '# incident' }).click();

  await page.getByRole('button', { name: 'Abandon' }).click();
  await page
    .getByRole('alertdialog', { name: 'Abandon the incident?' })
    .getByRole('button', { name: 'Abandon' })
    .click();
  await page.getByRole('button', { name: 'Open the debrief' }).click();
  const debrief = page.getByTestId('debrief');
  await expect(debrief).toContainText('You declared the incident SEV2', { timeout: 30_000 });
  await expect(debrief).toContainText('You posted: Investigating failed orders on gateway');
  await expect(debrief).toContainText('Status page: Investigating, partial outage (gateway)');
  await expect(debrief).toContainText('Priya (Support lead):');
  await expect(debrief).toContainText('Read the runbook "Gateway returns 5xx"');
  await expect(debrief).toContainText('You paged database-oncall: "Orders fail since the 14:06 release');
  await expect(debrief).toContainText('Jordan (DBA on-call): Joined. From the database side right now');
  await expect(debrief).toContainText('You asked database-oncall to');
  await expect(debrief).toContainText('database-oncall ran:');
  await debrief.getByText('You paged database-oncall').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/comms-debrief-escalation.png' });
  await expect(debrief.getByRole('columnheader', { name: 'Communication' })).toBeVisible();
  await expect(debrief).toContainText(/Declared SEV2/);
  await debrief.getByRole('columnheader', { name: 'Communication' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/comms-debrief.png' });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export postmortem (Markdown)' }).click();
  const md = readFileSync(await (await download).path(), 'utf8');
  expect(md).toContain('## Customer impact');
  expect(md).toContain('Investigating, partial outage (gateway)');
  expect(md).toContain('Communication: You declared the incident SEV2');
  expect(md).toContain('Communication: You paged database-oncall');
  expect(md).toContain('Communication: database-oncall ran:');

  // The run's traces from the debrief: every sampled trace of the run, as OTLP/JSON.
  const otlp = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export traces (OTLP)' }).click();
  const request = JSON.parse(readFileSync(await (await otlp).path(), 'utf8')) as {
    resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[];
  };
  const traceIds = new Set(
    request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((x) => x.spans.map((y) => y.traceId))),
  );
  expect(traceIds.size).toBeGreaterThan(10);
  await expect(page.getByRole('status').filter({ hasText: 'OTLP' })).toContainText(
    `${traceIds.size} traces (the whole run) saved as`,
  );
});
