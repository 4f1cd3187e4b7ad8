import { expect, test, type Page } from '@playwright/test';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Drags from one node's output handle to another node's input handle. */
async function connect(page: Page, from: string, to: string) {
  const source = page.locator(`[data-testid="ed-node-${from}"] .react-flow__handle.source`);
  const target = page.locator(`[data-testid="ed-node-${to}"] .react-flow__handle.target`);
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error(`handles of ${from} -> ${to} not visible`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

async function addNode(page: Page, kind: string, id: string, rename?: string) {
  await page.getByTestId(`palette-${kind}`).click();
  await expect(page.getByTestId('node-id')).toHaveValue(id);
  if (rename) {
    await page.getByTestId('node-id').fill(rename);
    await page.getByTestId('node-id').press('Enter');
    await expect(page.getByTestId(`ed-node-${rename}`)).toBeVisible();
  }
}

async function openBlank(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Editor' }).click();
  await expect(page.getByTestId('editor-opener')).toBeVisible();
  await page.screenshot({ path: 'test-results/editor-open.png' });
  await page.getByTestId('new-blank').click();
  await expect(page.getByTestId('editor')).toBeVisible();
}

test('builds the Service A -> B -> C thread-exhaustion outage from a blank canvas, previews and saves it', async ({
  page,
}) => {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set by playwright.config.ts');
  await openBlank(page);

  // metadata
  await page.getByTestId('meta-id').fill('abc-thread-exhaustion');
  await page.getByTestId('meta-title').fill('Service A -> B -> C: threads run out');
  await page.getByTestId('meta-duration').fill('15m');

  // the system: a client and three services
  await addNode(page, 'client', 'client-1', 'users');
  await addNode(page, 'service', 'service-1', 'service-a');
  await addNode(page, 'service', 'service-1', 'service-b');
  await addNode(page, 'service', 'service-1', 'service-c');
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.waitForTimeout(300);
  await connect(page, 'users', 'service-a');
  await connect(page, 'service-a', 'service-b');
  await connect(page, 'service-b', 'service-c');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  // now that the calls exist, lay the chain out left to right
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.waitForTimeout(300);

  // B's call to C is optional: pages render without it once the breaker opens
  await page.locator('.react-flow__edge').nth(2).click({ force: true });
  await expect(page.getByTestId('edge-editor')).toContainText('service-b → service-c');
  await page.getByTestId('edge-editor').getByTestId('field-optional').selectOption('true');

  // a latency fault on C at 3 min
  await page.getByTestId('tab-faults').click();
  await page.getByTestId('faults-add').click();
  await page.getByTestId('faults-0-target').selectOption('service-c');
  await page.getByTestId('faults-0-at').fill('3m');
  // Params are real fields (issue 14 item 11): an out-of-range value is flagged inline.
  await page.getByTestId('faults-0-params-factor').fill('0.5');
  await expect(page.getByTestId('faults-0-params')).toContainText('at least 1');
  await page.getByTestId('faults-0-params-factor').fill('100');
  await expect(page.getByTestId('faults-0-params')).not.toContainText('at least 1');
  await page.getByTestId('faults-0-duration').fill('20m');
  await page.getByTestId('faults-0-duration').fill('');
  await expect(page.getByTestId('fault-bar-0')).toContainText('latency · service-c');
  // drag the bar right by a tenth of the axis (15m): the fault now starts 1m30s later; undo restores
  const bar = page.getByTestId('fault-bar-0');
  const track = await page.locator('.ed-timeline-track').boundingBox();
  const box = await bar.boundingBox();
  if (!track || !box) throw new Error('timeline not visible');
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 30 + track.width / 10, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(page.getByTestId('faults-0-at')).toHaveValue('4m30s');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('faults-0-at')).toHaveValue('3m');
  await page.screenshot({ path: 'test-results/editor-faults.png' });

  // an alerting rule in the new scenario's group (first with a typo: PromQL's error shows inline)
  await page.getByTestId('tab-alerts').click();
  await page.getByTestId('alerts-0-add').click();
  await page.getByTestId('alerts-0-0-alert').fill('ServiceAErrors');
  const expr = page.getByTestId('alerts-0-0-expr');
  await expr.fill('sum(rate(http_requests_total{service="service-a", code=~"5.."}[1m]) > 0.05');
  await expect(page.getByTestId('alert-0-0-parse')).toContainText('doesn’t parse');
  await expect(page.getByTestId('alerts-0-0').locator('.ed-error').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/editor-alert-error.png' });
  await expr.fill(
    'sum(rate(http_requests_total{service="service-a", code=~"5.."}[1m])) / sum(rate(http_requests_total{service="service-a"}[1m])) > 0.05',
  );
  await expect(page.getByTestId('alert-0-0-parse')).toContainText('parses');
  await page.screenshot({ path: 'test-results/editor-alert-rule.png' });

  // the action that fixes it, the root cause, the SLO and the scripted solution
  await page.getByTestId('tab-actions').click();
  await page.getByTestId('actions-add').click();
  await page.getByTestId('actions-0-type').selectOption('open-breaker');
  await page.getByTestId('actions-0-target').selectOption('service-b->service-c');
  await page.getByTestId('actions-0-effect').selectOption('fixes');

  await page.getByTestId('tab-rootCause').click();
  await page.getByTestId('rc-node').selectOption('service-c');
  await page.getByTestId('rc-category').fill('slow dependency exhausts threads');
  await page.getByTestId('rc-causes').getByLabel('Dependency slow').check();

  await page.getByTestId('tab-objectives').click();
  await page.getByTestId('slos-add').click();
  await page.getByTestId('slos-0-node').selectOption('service-a');

  await page.getByTestId('tab-solution').click();
  await page.getByTestId('solution-add').click();
  await page.getByTestId('solution-0-at').fill('6m');
  await page.getByTestId('solution-0-type').selectOption('open-breaker');
  await page.getByTestId('solution-0-target').selectOption('service-b->service-c');

  await expect(page.getByTestId('error-count')).toHaveText('✓ valid');
  await page.screenshot({ path: 'test-results/editor-canvas.png' });

  // preview: winnable with the solution, losable without
  await page.getByTestId('tab-preview').click();
  await page.getByTestId('preview-run').click();
  const verdict = page.getByTestId('preview-verdict');
  await expect(verdict).toContainText('winnable: SLOs hold from T+', { timeout: 20_000 });
  await expect(verdict).toContainText('losable: SLOs broken at the end');
  await expect(page.locator('.ed-chart .recharts-line').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/editor-preview.png' });

  // save: the file lands in the user folder and the library lists it
  await page.getByTestId('save').click();
  await expect(page.getByTestId('editor-message')).toContainText('Saved abc-thread-exhaustion.json');
  await expect(page.getByTestId('dirty')).toHaveCount(0);
  const saved = await fs.readFile(path.join(dataDir, 'scenarios', 'abc-thread-exhaustion.json'), 'utf8');
  expect(saved.startsWith('{\n  "$schema": "./scenario.schema.json",\n  "schemaVersion": 2,')).toBe(true);
  expect(saved.endsWith('}\n')).toBe(true);
  await page.getByRole('button', { name: 'Library' }).click();
  const card = page.getByRole('article', { name: 'Service A -> B -> C: threads run out' });
  await expect(card).toBeVisible({ timeout: 10_000 });
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/editor-library.png' });
});

test('shows validation errors inline, refuses to save an invalid scenario, and undoes and redoes edits', async ({
  page,
}) => {
  await openBlank(page);
  await page.getByTestId('meta-id').fill('bad id!');
  const idField = page.getByTestId('meta-id').locator('xpath=ancestor::div[contains(@class,"ed-field")]');
  await expect(idField.locator('.ed-error')).toContainText('must start with a letter or digit');

  await page.getByTestId('save').click();
  await expect(page.getByTestId('editor-message')).toContainText('Not saved: fix the');

  // undo / redo with the buttons and the keyboard
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('meta-id')).toHaveValue('new-scenario');
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('meta-id')).toHaveValue('bad id!');

  await addNode(page, 'service', 'service-1');
  await expect(page.getByTestId('ed-node-service-1')).toBeVisible();
  await page.getByTestId('editor-canvas').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('ed-node-service-1')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('ed-node-service-1')).toBeVisible();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('ed-node-service-1')).toBeVisible();

  // a node field with a bad value shows its error beside the field
  await page.getByTestId('ed-node-service-1').click();
  await page.getByTestId('field-replicas').fill('-3');
  const replicas = page
    .getByTestId('field-replicas')
    .locator('xpath=ancestor::div[contains(@class,"ed-field")]');
  await expect(replicas.locator('.ed-error')).toBeVisible();
  await page.screenshot({ path: 'test-results/editor-validation.png' });

  // a reload keeps the unsaved work as a draft the editor offers to restore
  await page.waitForTimeout(3500);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await page.getByRole('button', { name: 'Editor' }).click();
  await expect(page.locator('.ed-draft')).toContainText('Unsaved draft');
  await page.getByRole('button', { name: 'Restore draft' }).click();
  await expect(page.getByTestId('ed-node-service-1')).toBeVisible();
  await expect(page.getByTestId('meta-id')).toHaveValue('bad id!');

  // Delete removes the selected node
  await page.getByTestId('ed-node-service-1').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('ed-node-service-1')).toHaveCount(0);
});

test('a built-in opened as a copy and saved unchanged keeps its text apart from id and title', async ({
  page,
}) => {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set by playwright.config.ts');
  await page.goto('/');
  await page.getByRole('button', { name: 'Editor' }).click();
  const row = page.locator('.ed-open-list li', { hasText: 'thread-exhaustion.json' });
  await row.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByTestId('error-count')).toHaveText('✓ valid');
  await expect(page.getByTestId('ed-node-product-api')).toBeVisible();
  await page.getByTestId('ed-node-product-api').click();
  await expect(page.getByTestId('node-editor')).toBeVisible();
  await page.screenshot({ path: 'test-results/editor-copy.png' });
  await page.getByTestId('save').click();
  await expect(page.getByTestId('editor-message')).toContainText('Saved thread-exhaustion-copy.json');

  const original = await fs.readFile(path.join('scenarios', 'thread-exhaustion.json'), 'utf8');
  const saved = await fs.readFile(path.join(dataDir, 'scenarios', 'thread-exhaustion-copy.json'), 'utf8');
  const data = JSON.parse(original) as { title: string };
  expect(saved).toBe(
    original
      .replace('"id": "thread-exhaustion"', '"id": "thread-exhaustion-copy"')
      .replace(
        `"title": ${JSON.stringify(data.title)}`,
        `"title": ${JSON.stringify(`${data.title} (copy)`)}`,
      ),
  );

  await page.getByTestId('tab-briefing').click();
  await expect(page.locator('.ed-markdown strong').first()).toHaveText('storefront');
  await page.screenshot({ path: 'test-results/editor-briefing.png' });

  // moving a node is one undoable edit, and undo brings the document back to the saved text
  const node = page.getByTestId('ed-node-storefront');
  const box = await node.boundingBox();
  if (!box) throw new Error('node not visible');
  await page.mouse.move(box.x + 60, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, box.y + 140, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('dirty')).toBeVisible();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('dirty')).toHaveCount(0);
});

test('checks a built-in over a few seeds on Web Workers, and cancels a long check', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Editor' }).click();
  // alert-storm has client noise, so every seed is played (a noise-free built-in plays once and
  // answers every seed with it: renderer/views/editor/seed-check.test.ts), and 200 take long enough
  // to cancel.
  const row = page.locator('.ed-open-list li', { hasText: 'alert-storm.json' });
  await row.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByTestId('error-count')).toHaveText('✓ valid');
  await page.getByTestId('tab-preview').click();

  const check = page.getByTestId('seed-check');
  await expect(check.getByTestId('seed-check-count')).toHaveValue('50');
  await check.getByTestId('seed-check-count').fill('200');
  await check.getByTestId('seed-check-run').click();
  await expect(check.getByTestId('seed-check-progress')).toBeVisible();
  await check.getByTestId('seed-check-cancel').click();
  await expect(check).toContainText('Cancelled.');

  await check.getByTestId('seed-check-count').fill('6');
  await check.getByTestId('seed-check-run').click();
  const table = check.getByTestId('seed-check-table');
  await expect(table).toBeVisible({ timeout: 120_000 });
  await expect(table).toContainText('Over 6 seeds');
  await expect(table.locator('tr', { hasText: 'Scripted solution: mitigates' })).toContainText('100%');
  await expect(check.getByTestId('seed-check-verdict')).toContainText('passes on 6 seeds');
  await check.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/editor-seed-check.png', fullPage: true });
});
