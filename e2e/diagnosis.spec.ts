/**
 * Issue 14 item 2: declaring a root cause like an incident commander. The declare dialog offers
 * the one cause taxonomy (never the scenario's own wording of its answer), any node, and a
 * hypothesis; the notebook keeps hypotheses and findings; the debrief's timeline shows both.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const scenario = JSON.parse(readFileSync('scenarios/thread-exhaustion.json', 'utf8')) as {
  title: string;
  rootCause: { node: string; category: string; causes: [string, ...string[]] };
  nodes: { id: string }[];
};

test('a trainee notes hypotheses, declares from the taxonomy with a hypothesis, and sees both in the debrief', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: /threads/i })
    .getByRole('button', { name: 'Open briefing' })
    .click();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await page.getByRole('button', { name: '5x' }).click();

  // Notebook: a hypothesis, then a finding (Enter adds it).
  await page.getByRole('button', { name: /^Notebook/ }).click();
  const notebook = page.getByRole('dialog', { name: 'Notebook' });
  await notebook.getByRole('textbox', { name: 'Note' }).fill('product-db is slow');
  await notebook.getByRole('button', { name: 'Add hypothesis' }).click();
  await notebook.getByRole('radio', { name: 'Ruled out' }).click();
  await notebook.getByRole('textbox', { name: 'Note' }).fill('not the database: its latency is flat');
  await notebook.getByRole('textbox', { name: 'Note' }).press('Enter');
  await expect(notebook.getByRole('list', { name: 'Notes so far' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Notebook 2' })).toBeVisible();
  await page.screenshot({ path: 'test-results/notebook.png' });
  await page.keyboard.press('Escape');
  await expect(notebook).toBeHidden();

  // The declare dialog: every node, the same taxonomy in every scenario, and no option that is
  // the scenario's own sentence for its answer.
  await page.getByRole('button', { name: 'Declare root cause' }).click();
  const dialog = page.getByRole('dialog', { name: 'Declare root cause' });
  const cause = dialog.getByLabel('Cause');
  await expect(cause.locator('optgroup')).toHaveCount(6);
  expect(await cause.locator('option').count()).toBeGreaterThan(20);
  await expect(cause.locator('option', { hasText: scenario.rootCause.category })).toHaveCount(0);
  await expect(dialog.getByLabel('Component').locator('option')).toHaveCount(scenario.nodes.length + 1);
  await dialog.getByLabel('Component').selectOption(scenario.rootCause.node);
  await cause.selectOption(scenario.rootCause.causes[0]);
  await dialog
    .getByLabel('Hypothesis (optional)')
    .fill('recommendations hangs and holds product-api threads');
  await page.screenshot({ path: 'test-results/declare-dialog.png' });
  await dialog.getByRole('button', { name: 'Declare' }).click();
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('tabpanel')).toContainText(
    `Declared root cause: Dependency slow on ${scenario.rootCause.node}`,
  );

  await page.getByRole('button', { name: 'Abandon' }).click();
  await page
    .getByRole('alertdialog', { name: 'Abandon the incident?' })
    .getByRole('button', { name: 'Abandon', exact: true })
    .click();
  await page.getByRole('button', { name: 'Open the debrief' }).click({ timeout: 30_000 });
  const timeline = page.locator('.debrief-timeline');
  await expect(timeline).toContainText('Hypothesis: product-db is slow');
  await expect(timeline).toContainText('Ruled out: not the database: its latency is flat');
  await expect(timeline).toContainText(
    `Declared "Dependency slow" on ${scenario.rootCause.node} (correct): recommendations hangs and holds product-api threads`,
  );
  await timeline.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/debrief-notebook.png' });
});
