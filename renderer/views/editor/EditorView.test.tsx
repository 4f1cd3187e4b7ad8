// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLibraryStore } from '../../stores/library-store';
import { useEditorStore } from './editor-store';
import { EditorView } from './EditorView';
import { parseScenarioJson, serializeScenario } from './serialize';
import type { Doc } from './doc';

const TEXT = readFileSync(path.resolve(__dirname, '../../../scenarios/thread-exhaustion.json'), 'utf8');
const writeScenario = vi.fn(async () => {});

let container: HTMLDivElement;
let root: Root | undefined;

async function render() {
  container = document.createElement('div');
  container.style.width = '1400px';
  container.style.height = '800px';
  document.body.appendChild(container);
  await act(async () => {
    root = createRoot(container);
    root.render(<EditorView />);
  });
}
const q = <T extends Element = HTMLElement>(sel: string) => container.querySelector<T>(sel);
const byTestId = <T extends Element = HTMLElement>(id: string) => q<T>(`[data-testid="${id}"]`);

async function click(el: Element | null) {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
}
async function type(el: Element | null, value: string) {
  if (!el) throw new Error('no field');
  const proto =
    el instanceof HTMLSelectElement
      ? HTMLSelectElement.prototype
      : el instanceof HTMLTextAreaElement
        ? HTMLTextAreaElement.prototype
        : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 200 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 64 });
});
beforeEach(() => {
  localStorage.clear();
  writeScenario.mockClear();
  (window as unknown as { outageLab: unknown }).outageLab = {
    host: 'web',
    writeScenario,
    listScenarios: async () => [],
    scenariosStamp: async () => 'x',
  };
  useLibraryStore.setState({ entries: [], status: 'ready' });
  useEditorStore.getState().close();
});
afterEach(() => {
  act(() => root?.unmount());
  container.remove();
});

describe('EditorView', () => {
  it('opens a blank scenario and shows its errors', async () => {
    await render();
    expect(byTestId('editor-opener')).not.toBeNull();
    await click(byTestId('new-blank'));
    expect(byTestId('editor')).not.toBeNull();
    expect(byTestId('error-count')?.textContent).toMatch(/\d+ errors/);
    expect(byTestId('scenario-panel')).not.toBeNull();
  });

  it('edits a field, shows its error inline, and undoes it with the button and Ctrl+Z', async () => {
    useEditorStore.getState().open(parseScenarioJson(TEXT) as Doc, { source: 'user', file: 'x.json' }, TEXT);
    await render();
    expect(byTestId('error-count')?.textContent).toBe('✓ valid');
    await type(byTestId('meta-id'), 'bad id!');
    expect(byTestId('meta-id')?.closest('.ed-field')?.querySelector('.ed-error')?.textContent).toContain(
      'must start with a letter or digit',
    );
    expect(byTestId('dirty')).not.toBeNull();
    await click(byTestId('undo'));
    expect((byTestId('meta-id') as HTMLInputElement).value).toBe('thread-exhaustion');
    expect(byTestId('dirty')).toBeNull();
    await click(byTestId('redo'));
    expect((byTestId('meta-id') as HTMLInputElement).value).toBe('bad id!');
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true }));
    });
    expect((byTestId('meta-id') as HTMLInputElement).value).toBe('thread-exhaustion');
  });

  it('draws the topology and edits the selected node with the schema defaults as placeholders', async () => {
    useEditorStore.getState().open(parseScenarioJson(TEXT) as Doc, { source: 'user', file: 'x.json' }, TEXT);
    await render();
    expect(container.querySelectorAll('.ed-node')).toHaveLength(5);
    await act(async () => useEditorStore.getState().select({ kind: 'node', id: 'product-api' }));
    const editor = byTestId('node-editor');
    expect(editor?.textContent).toContain('product-api');
    const memory = editor?.querySelector<HTMLInputElement>('[data-testid="field-memoryMb"]');
    expect(memory?.placeholder).toBe('256');
    await type(editor!.querySelector('[data-testid="field-replicas"]'), '-1');
    expect(
      editor
        ?.querySelector('[data-testid="field-replicas"]')
        ?.closest('.ed-field')
        ?.querySelector('.ed-error'),
    ).not.toBeNull();
    expect(container.querySelector('[data-testid="ed-node-product-api"] .ed-node-errors')?.textContent).toBe(
      '1',
    );
  });

  it("edits a fault's params as real fields, each with its own inline error, keeping unknown ones", async () => {
    useEditorStore.getState().open(parseScenarioJson(TEXT) as Doc, { source: 'user', file: 'x.json' }, TEXT);
    await render();
    await click(byTestId('tab-faults'));
    // dependency-outage's `mode` is a oneOf string: a select with the catalog's choices.
    const mode = byTestId<HTMLSelectElement>('faults-0-params-mode');
    expect(mode?.tagName).toBe('SELECT');
    expect([...mode!.options].map((o) => o.value)).toEqual(expect.arrayContaining(['errors', 'timeouts']));
    expect(mode!.value).toBe('timeouts');
    await type(mode, 'errors');
    const params = () =>
      (useEditorStore.getState().doc as { faults: { params: unknown }[] }).faults[0]!.params;
    expect(params()).toEqual({ mode: 'errors' });
    // Switch the type to latency: its numeric params become number fields with defaults shown;
    // the old `mode` stays, flagged, until cleared.
    await type(byTestId('faults-0-type'), 'latency');
    const factor = byTestId<HTMLInputElement>('faults-0-params-factor');
    expect(factor?.placeholder).toBe('default 10');
    expect(byTestId('faults-0-params-mode')?.closest('.ed-field')?.textContent).toContain(
      "no parameter 'mode'",
    );
    await type(byTestId('faults-0-params-mode'), '');
    await type(factor, '0.5');
    expect(factor?.closest('.ed-field')?.querySelector('.ed-error')?.textContent).toContain('at least 1');
    await type(factor, '4');
    expect(factor?.closest('.ed-field')?.querySelector('.ed-error')).toBeNull();
    expect(params()).toEqual({ factor: 4 });
  });

  it('shows whether an alert expression parses', async () => {
    useEditorStore.getState().open(parseScenarioJson(TEXT) as Doc, { source: 'user', file: 'x.json' }, TEXT);
    await render();
    await click(byTestId('tab-alerts'));
    expect(byTestId('alert-0-0-parse')?.textContent).toContain('parses');
    await type(byTestId('alerts-0-0-expr'), 'sum(rate(http_requests_total{service= > 1');
    expect(byTestId('alert-0-0-parse')?.textContent).toContain('doesn’t parse');
  });

  it('refuses to save an invalid scenario, and saves a valid one byte-identical', async () => {
    useEditorStore
      .getState()
      .open(parseScenarioJson(TEXT) as Doc, { source: 'user', file: 'thread-exhaustion.json' }, TEXT);
    await render();
    await type(byTestId('meta-title'), '');
    await click(byTestId('save'));
    expect(writeScenario).not.toHaveBeenCalled();
    expect(byTestId('editor-message')?.textContent).toContain('Not saved');
    await click(byTestId('undo'));
    await click(byTestId('save'));
    expect(writeScenario).toHaveBeenCalledWith('thread-exhaustion.json', TEXT);
    expect(serializeScenario(useEditorStore.getState().doc!)).toBe(TEXT);
    expect(byTestId('editor-message')?.textContent).toContain('Saved thread-exhaustion.json');
  });

  it('keeps a draft when the view unmounts and offers to restore it', async () => {
    useEditorStore.getState().open(parseScenarioJson(TEXT) as Doc, { source: 'user', file: 'x.json' }, TEXT);
    await render();
    await type(byTestId('meta-title'), 'Draft title');
    act(() => root?.unmount());
    root = undefined;
    useEditorStore.getState().close();
    await render();
    expect(container.querySelector('.ed-draft')?.textContent).toContain('Draft title');
    await click(
      [...container.querySelectorAll('button')].find((b) => b.textContent === 'Restore draft') ?? null,
    );
    expect(useEditorStore.getState().doc?.title).toBe('Draft title');
    expect(useEditorStore.getState().dirty).toBe(true);
    expect(useEditorStore.getState().origin).toEqual({ source: 'user', file: 'x.json' });
  });
});
