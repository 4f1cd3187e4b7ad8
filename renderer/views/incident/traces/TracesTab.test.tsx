// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { buttonByText, click, render, step, trace, type Rendered } from '../topology/test-fixtures';
import { TracesTab } from './TracesTab';

let view: Rendered | undefined;
const listIds = () =>
  [...(view?.container.querySelectorAll('.trace-row') ?? [])].map((r) => r.children[0]?.textContent);

beforeEach(() => {
  useConsoleUi.getState().reset();
  useIncidentStore.setState({
    traces: [trace('fast', 10, 0.05, false), trace('slow', 20, 3, false), trace('failed', 30, 0.5, true)],
  });
});
afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('TracesTab', () => {
  it('lists failed traces first, then the slowest', async () => {
    view = await render(<TracesTab />);
    expect(listIds()).toEqual(['00:30', '00:20', '00:10']);
    expect(view.container.querySelector('.trace-row')?.className).toContain('is-error');
    expect(view.container.textContent).toContain('Select a trace');
  });

  it('shows a waterfall of the selected trace with bars over its duration', async () => {
    useConsoleUi.getState().openTrace('slow');
    view = await render(<TracesTab />);
    const bars = [...view.container.querySelectorAll<HTMLElement>('.wf-bar')];
    expect(bars).toHaveLength(2);
    expect(bars[1]?.style.left).toBe('25%');
    expect(bars[1]?.style.width).toBe('50%');
    expect(view.container.querySelector('.waterfall')?.textContent).toContain('1,500 ms');
    const names = [...view.container.querySelectorAll<HTMLElement>('.wf-row:not(.wf-axis) .wf-name')];
    expect(Number.parseInt(names[1]!.style.paddingLeft)).toBeGreaterThan(
      Number.parseInt(names[0]!.style.paddingLeft),
    );
  });

  it('selects on click and marks failed spans', async () => {
    view = await render(<TracesTab />);
    await click(view.container.querySelector('.trace-row'));
    expect(useConsoleUi.getState().selectedTraceId).toBe('failed');
    expect(view.container.querySelectorAll('.wf-row.is-error')).toHaveLength(2);
    // The deepest failed span's OpenTelemetry details are shown; a click shows another's.
    const detail = () => view!.container.querySelector('[data-testid="span-detail"]')!.textContent;
    expect(detail()).toContain('span.kindclient');
    expect(detail()).toContain('db.systempostgresql');
    expect(detail()).toContain('parent_span_idb7ad6b7169203331');
    await click(view.container.querySelector('.wf-row:not(.wf-axis)'));
    expect(detail()).toContain('http.response.status_code503');
    expect(detail()).toContain('parent_span_id(root)');
  });

  it('searches by minimum duration and attribute, and says what is wrong with an attribute', async () => {
    view = await render(<TracesTab />);
    const input = (label: string) =>
      view!.container.querySelector<HTMLInputElement>(`[aria-label="${label}"]`)!;
    const type = (el: HTMLInputElement, value: string) =>
      step(() => {
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        setter.call(el, value);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
    await type(input('Minimum duration (ms)'), '400');
    await click(buttonByText(view.container, 'Find traces'));
    expect(listIds()).toEqual(['00:30', '00:20']);
    await type(input('Attribute'), 'http.response.status_code=200');
    await click(buttonByText(view.container, 'Find traces'));
    expect(listIds()).toEqual(['00:20']);
    await type(input('Attribute'), 'a=');
    await click(buttonByText(view.container, 'Find traces'));
    expect(view.container.querySelector('[role="alert"]')?.textContent).toContain('column 3');
  });

  it('jumps to the logs of the request', async () => {
    useConsoleUi.getState().openTrace('failed');
    view = await render(<TracesTab />);
    await click(buttonByText(view.container, 'Logs for this request'));
    expect(useConsoleUi.getState().tab).toBe('logs');
    expect(useConsoleUi.getState().logQuery).toEqual({ requestId: 'failed' });
  });

  it('filters to failed traces and explains a trace that is gone', async () => {
    useConsoleUi.getState().openTrace('evicted');
    view = await render(<TracesTab />);
    expect(view.container.textContent).toContain('no longer kept');
    const status = view.container.querySelector<HTMLSelectElement>('select[aria-label="Status"]')!;
    await step(() => {
      status.value = 'error';
      status.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(listIds()).toEqual(['00:30']);
    await step(() => useIncidentStore.setState({ traces: [] }));
    expect(view.container.textContent).toContain('No traces sampled yet.');
  });
});
