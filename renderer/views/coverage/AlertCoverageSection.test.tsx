// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenarioText } from '../../../simulator/scenario/validate';
import type { Scenario } from '../../../simulator/scenario/schema';
import { AlertCoverageSection } from './AlertCoverageSection';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLDivElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const text = readFileSync(path.resolve(__dirname, '../../../scenarios/thread-exhaustion.json'), 'utf8');
function loadBuiltin(): Scenario {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error('thread-exhaustion.json should be valid');
  return parsed.scenario;
}

const q = (id: string) => host.querySelector(`[data-testid="${id}"]`);

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await act(() => new Promise((r) => setTimeout(r, 20)));
  }
}

describe('AlertCoverageSection', () => {
  it("checks the scenario's own rules on demand and shows the verdict, the pages and the fix", async () => {
    const scenario = loadBuiltin();
    act(() => root.render(<AlertCoverageSection scenario={scenario} />));
    expect(q('alert-coverage-result')).toBeNull();
    const button = q('alert-coverage-run') as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    act(() => button.click());
    expect(button.textContent).toBe('Checking…');
    await until(() => q('alert-coverage-result') !== null);
    expect(q('alert-coverage-outcome')!.textContent).toMatch(/^(Caught|Missed)$/);
    expect(q('alert-coverage-verdict')!.textContent).toMatch(/^(Page|First page|No page) .*\.$/);
    const rows = [...host.querySelectorAll('.alert-coverage-fired tbody tr')];
    expect(rows.length).toBeGreaterThan(0);
    // Every fired alert says whether the scripted fix resolved it.
    for (const r of rows) expect(r.lastElementChild!.textContent).toMatch(/^(resolved|still firing)$/);
    expect(host.textContent).toContain("from the scenario's own rules");
  });

  it('asks for a rule file before it can check one', () => {
    act(() => root.render(<AlertCoverageSection scenario={loadBuiltin()} />));
    const select = q('alert-coverage-source') as HTMLSelectElement;
    act(() => {
      select.value = 'file';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(q('alert-coverage-rules')).not.toBeNull();
    expect((q('alert-coverage-run') as HTMLButtonElement).disabled).toBe(true);
  });
});
