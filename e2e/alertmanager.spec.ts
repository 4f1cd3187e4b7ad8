/**
 * Issue 16 item 4 (Alertmanager) and issue 14 item 7 (flapping alerts grouped): the Alerts tab
 * shows Alertmanager's notification groups; "Silence" on a firing alert opens a form prefilled
 * with its matchers and requiring a comment; the silenced alert says so, the silence is listed,
 * and the debrief's timeline shows it.
 */
import { expect, test } from '@playwright/test';

test('a trainee silences a firing alert from the Alerts tab and sees it silenced and in the debrief', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page
    .getByRole('region', { name: 'Built-in scenarios' })
    .getByRole('article', { name: /Orders start failing/i })
    .getByRole('button', { name: 'Open briefing' })
    .click();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await page.getByRole('button', { name: '60x' }).click();

  // Paged: Alertmanager's first notification of the page group (group_wait after the firing).
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('PAGE', { timeout: 90_000 });
  await banner.getByRole('button', { name: 'Acknowledge' }).first().click();
  await page.getByRole('tab', { name: 'Alerts' }).click();
  const panel = page.getByRole('tabpanel');
  const group = panel.getByTestId('am-group').first();
  await expect(group).toContainText('page');
  await expect(group).toContainText('first notification');

  // Silence the firing page from its row: the form is prefilled with the alert's matchers.
  const row = panel.locator('.alerts-rules tbody tr', { hasText: 'GatewayErrorRateHigh' });
  await expect(row).toContainText('firing');
  await row.getByRole('button', { name: 'Silence' }).click();
  const form = page.getByRole('dialog', { name: 'New silence' });
  await expect(form.getByRole('textbox', { name: 'Matcher 1' })).toHaveValue(
    'alertname="GatewayErrorRateHigh"',
  );
  await expect(form.getByRole('textbox', { name: 'Matcher 2' })).toHaveValue('severity="P1"');
  await expect(form.getByTestId('silence-affected')).toContainText('Mutes now: GatewayErrorRateHigh');
  // A comment is required, as in Alertmanager.
  await expect(form.getByRole('button', { name: 'Create silence' })).toBeDisabled();
  await form.getByRole('textbox', { name: 'Duration' }).fill('30m');
  await form
    .getByRole('textbox', { name: 'Comment' })
    .fill('Acknowledged, rolling back the gateway; muting the repeat');
  await page.screenshot({ path: 'test-results/alertmanager-silence-form.png' });
  await form.getByRole('button', { name: 'Create silence' }).click();
  await expect(form).toBeHidden();

  await expect(row.locator('td').first()).toHaveText('firing silenced');
  await expect(row.getByRole('button', { name: 'Silence' })).toHaveCount(0);
  const silence = panel.getByTestId('am-silence').first();
  await expect(silence).toContainText('active');
  await expect(silence).toContainText('alertname="GatewayErrorRateHigh"');
  await expect(silence).toContainText('muted GatewayErrorRateHigh');
  await page.screenshot({ path: 'test-results/alertmanager-alerts-tab.png', fullPage: true });

  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('tabpanel')).toContainText(
    'Silenced alertname="GatewayErrorRateHigh", severity="P1" for 30m',
  );

  await page.getByRole('button', { name: 'Abandon' }).click();
  await page
    .getByRole('alertdialog', { name: 'Abandon the incident?' })
    .getByRole('button', { name: 'Abandon', exact: true })
    .click();
  await page.getByRole('button', { name: 'Open the debrief' }).click({ timeout: 30_000 });
  const timeline = page.locator('.debrief-timeline');
  await expect(timeline).toContainText(
    'Silenced alertname="GatewayErrorRateHigh", severity="P1" for 30m: Acknowledged, rolling back the gateway; muting the repeat',
  );
  // Silencing the page while the SLO was broken and before any mitigation costs conduct.
  await expect(
    page.getByText(/1 page silenced while an SLO was broken and before any mitigation/),
  ).toBeVisible();
  await timeline.locator('[data-kind="silence"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/alertmanager-debrief.png' });
});
