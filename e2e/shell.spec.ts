import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

interface ScenarioJson {
  title: string;
  rootCause: { node: string; causes: [string, ...string[]] };
}
const db = JSON.parse(readFileSync('scenarios/slow-queries-choke-db.json', 'utf8')) as ScenarioJson;

async function shell(page: Page, command: string) {
  const input = page.getByRole('textbox', { name: 'Shell command' });
  await input.fill(command);
  await input.press('Enter');
  const entry = page
    .locator('.shell-entry')
    .filter({ has: page.locator('.shell-command', { hasText: command }) })
    .last();
  await expect(entry.locator('.shell-output')).toBeVisible();
  return entry.locator('.shell-output');
}

test('a trainee investigates the slow-query outage through the shell alone and declares it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  const card = page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: db.title });
  await card.getByRole('button', { name: 'Open briefing' }).click();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await page.getByRole('button', { name: '60x' }).click();
  await expect(page.getByRole('alert')).toContainText('PAGE', { timeout: 90_000 });
  await page.getByRole('button', { name: '1x' }).click();

  await page.getByRole('tab', { name: 'Shell' }).click();
  const pods = await shell(page, 'kubectl get pods');
  await expect(pods).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  await expect(pods).toContainText(/web-[a-z0-9]{9,10}-[a-z0-9]{5}\s+1\/1\s+Running/);

  const described = await shell(page, 'kubectl describe deploy catalog');
  await expect(described).toContainText(/Replicas:\s+\d+ desired \| \d+ updated/);

  // Tab completes the query; the answer names the long-running queries on the database.
  const input = page.getByRole('textbox', { name: 'Shell command' });
  await input.fill('psql -h main-db -c ');
  await input.press('Tab');
  await expect(page.locator('.shell-listed')).toContainText('pg_stat_activity');
  const longRunning = await shell(
    page,
    `psql -h main-db -c "select pid, now() - query_start as duration, state, query from pg_stat_activity where state = 'active' and now() - query_start > interval '1 minute'"`,
  );
  await expect(longRunning).toContainText(/\| active \| SELECT date_trunc/);
  await expect(longRunning).toContainText(/\(\d+ rows\)/);
  // The real command of an action runs that action, as in the palette.
  const scaled = await shell(page, 'kubectl scale deploy/catalog --replicas=8');
  await expect(scaled).toContainText('catalog');
  await expect(page.locator('.shell-error')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/shell.png' });

  await page.getByRole('button', { name: 'Declare root cause' }).click();
  const dialog = page.getByRole('dialog', { name: 'Declare root cause' });
  await dialog.getByLabel('Component').selectOption(db.rootCause.node);
  await dialog.getByLabel('Cause').selectOption(db.rootCause.causes[0]);
  await dialog.getByRole('button', { name: 'Declare' }).click();

  // Every command is on the run's timeline.
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('$ kubectl get pods');
  await expect(page.getByRole('tabpanel')).toContainText('Declared root cause');
});
