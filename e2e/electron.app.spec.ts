import { _electron as electron, expect, test } from '@playwright/test';
import { findElectron } from '../scripts/electron-binary.mjs';

const found = findElectron() as { binary?: string; reason?: string };

test('the Electron app opens the library', async () => {
  test.skip(!found.binary, `Electron e2e skipped: ${found.reason ?? ''}`);
  const app = await electron.launch({ args: ['.'], executablePath: found.binary });
  const window = await app.firstWindow();
  await expect(window.getByTestId('scenario-card').first()).toBeVisible();
  expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
    'undefined',
  );
  await window.screenshot({ path: 'test-results/electron-library.png' });
  await app.close();
});
