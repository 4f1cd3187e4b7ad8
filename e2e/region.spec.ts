import { expect, test } from '@playwright/test';

test('a regional failover: the trainee raises the receiving region autoscaler ceiling with a typed command', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const title = /The region that took everyone's traffic/i;
  await page.goto('/');
  const card = page.getByRole('region', { name: 'Built-in scenarios' }).getByRole('article', { name: title });
  await card.getByRole('button', { name: 'Open briefing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: 'Start incident' }).click();
  await expect(page.getByTestId('sim-clock')).toBeVisible();
  await page.getByRole('button', { name: '60x' }).click();
  await expect(page.getByRole('alert')).toContainText('PAGE', { timeout: 120_000 });
  await page.getByRole('button', { name: '1x' }).click();
  await page.screenshot({ path: 'test-results/region-console.png' });

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const input = palette.getByRole('textbox');
  // The router's regions are offered as Route 53 ARC routing controls.
  await input.fill(
    'aws route53-recovery-cluster update-routing-control-state --routing-control-arn arn:aws:route53-recovery-control::000000000000:controlpanel/front-door/routingcontrol/',
  );
  await expect(palette.getByRole('option').first()).toContainText('routingcontrol/westeurope');
  await expect(palette.getByRole('option').nth(1)).toContainText('routingcontrol/northeurope');
  await page.screenshot({ path: 'test-results/region-palette.png' });
  await input.fill(
    'aws route53-recovery-cluster update-routing-control-state --routing-control-arn arn:aws:route53-recovery-control::000000000000:controlpanel/front-door/routingcontrol/westeurope --routing-control-state Off',
  );
  await input.press('Enter');
  await expect(palette.getByRole('status')).toContainText('Draining westeurope on front-door');
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  await page.keyboard.press('Control+k');
  await input.fill('kubectl patch hpa edge-neu -p \'{"spec":{"maxReplicas":30}}\'');
  await input.press('Enter');
  await expect(palette.getByRole('status')).toContainText('maxReplicas 12 → 30');
  await page.screenshot({ path: 'test-results/region-action.png' });
  await page.keyboard.press('Escape');

  await page.getByRole('checkbox', { name: '1x on page' }).uncheck();
  await page.getByRole('button', { name: '60x' }).click();
  await expect(page.getByText('Mitigated: every SLO held for the hold time.')).toBeVisible({
    timeout: 150_000,
  });
  await page.screenshot({ path: 'test-results/region-mitigated.png' });
});
