// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import {
  buttonByText,
  click,
  log,
  render,
  SCENARIO,
  step,
  trace,
  type Rendered,
} from '../topology/test-fixtures';
import { LogsTab, MAX_ROWS, ROW_HEIGHT } from './LogsTab';

let view: Rendered | undefined;
const rows = () => [...(view?.container.querySelectorAll('.log-row') ?? [])];

beforeEach(() => {
  useConsoleUi.getState().reset();
  useIncidentStore.setState({
    scenario: SCENARIO,
    logs: [
      log(5, 'checkout', 'info', 'POST /checkout 200', 'req-1'),
      log(65, 'orders-db', 'warn', 'slow query 4.2s'),
      log(70, 'checkout', 'error', 'insert into orders timed out', 'req-2'),
    ],
    traces: [trace('req-2', 70, 2, true)],
  });
});
afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('LogsTab', () => {
  it('shows time, level, node, message and request id per line', async () => {
    view = await render(<LogsTab />);
    expect(rows()).toHaveLength(3);
    const last = rows()[2]!;
    expect(last.className).toContain('lvl-error');
    expect(last.querySelector('.log-time')?.textContent).toBe('01:10');
    expect(last.querySelector('.log-node')?.textContent).toBe('checkout');
    expect(last.querySelector('.log-message')?.textContent).toBe('insert into orders timed out');
    expect(last.querySelector('.logs-link.has-trace')?.textContent).toBe('req-2');
  });

  it('starts from the shared query and filters by level and text', async () => {
    useConsoleUi.getState().setLogQuery({ node: 'checkout' });
    view = await render(<LogsTab />);
    expect(rows()).toHaveLength(2);
    expect((view.container.querySelector('select[aria-label="Service"]') as HTMLSelectElement).value).toBe(
      'checkout',
    );
    await step(() => useConsoleUi.getState().setLogQuery({ level: 'warn' }));
    expect(rows().map((r) => r.querySelector('.log-node')?.textContent)).toEqual(['orders-db']);
    await step(() => useConsoleUi.getState().setLogQuery({ text: 'TIMED OUT' }));
    expect(rows()).toHaveLength(1);
  });

  it('opens the trace of a traced request id, and filters by an untraced one', async () => {
    view = await render(<LogsTab />);
    await click(rows()[2]!.querySelector('.logs-link'));
    expect(useConsoleUi.getState().tab).toBe('traces');
    expect(useConsoleUi.getState().selectedTraceId).toBe('req-2');
    await click(rows()[0]!.querySelector('.logs-link'));
    expect(useConsoleUi.getState().logQuery.requestId).toBe('req-1');
    expect(rows()).toHaveLength(1);
  });

  it('says so when nothing matches, and clears the filters', async () => {
    useConsoleUi.getState().setLogQuery({ text: 'no such thing' });
    view = await render(<LogsTab />);
    expect(view.container.textContent).toContain('No log lines match these filters.');
    await click(buttonByText(view.container, 'Clear filters'));
    expect(rows()).toHaveLength(3);
  });

  it('keeps 5,000 lines scrollable but puts only the rows in view (and a margin) in the DOM', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => log(i, 'checkout', 'info', `line ${i}`));
    useIncidentStore.setState({ logs: many });
    view = await render(<LogsTab />);
    expect(rows().length).toBeLessThanOrEqual(100);
    expect(rows().length).toBeGreaterThan(20);
    expect(rows().at(-1)?.querySelector('.log-message')?.textContent).toBe('line 4999');
    expect(view.container.textContent).toContain('5000 lines');
    const pad = view.container.querySelector<HTMLElement>('.logs-list > div')!;
    expect(Number.parseInt(pad.style.paddingTop) + rows().length * ROW_HEIGHT).toBe(5000 * ROW_HEIGHT);
    expect(MAX_ROWS).toBeGreaterThanOrEqual(5000);
  });

  it('runs a LogQL query, records it as a look, and shows a bad one with its column', async () => {
    view = await render(<LogsTab />);
    const input = view.container.querySelector<HTMLInputElement>('[aria-label="LogQL query"]')!;
    const type = (value: string) =>
      step(() => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    await type('{service="checkout"} |= "timed out"');
    await click(buttonByText(view.container, 'Run query'));
    expect(rows().map((r) => r.querySelector('.log-message')?.textContent)).toEqual([
      'insert into orders timed out',
    ]);
    expect(useConsoleUi.getState().logQuery.logql).toBe('{service="checkout"} |= "timed out"');
    await type('{service="checkout"} |= timed');
    await click(buttonByText(view.container, 'Run query'));
    const error = view.container.querySelector('[data-testid="logql-error"]')!.textContent;
    expect(error).toContain('column 25');
    // The bad query did not replace the one in force.
    expect(rows()).toHaveLength(1);
  });

  it('draws the log volume by level and limits the list to a clicked bar', async () => {
    view = await render(<LogsTab />);
    const path = (level: string) => view!.container.querySelector(`.vol-${level}`)!.getAttribute('d') ?? '';
    expect(path('error').match(/M/g)).toHaveLength(1);
    expect(path('warn').match(/M/g)).toHaveLength(1);
    expect(path('info').match(/M/g)).toHaveLength(1);
    const bars = [...view.container.querySelectorAll('.logs-volume-bar')];
    const withError = bars.find((b) => /: 1 error/.test(b.textContent ?? ''))!;
    await click(withError);
    const q = useConsoleUi.getState().logQuery;
    expect(q.from).toBeLessThanOrEqual(70);
    expect(q.to).toBeGreaterThan(70);
    expect(rows().map((r) => r.querySelector('.log-time')?.textContent)).toContain('01:10');
    expect(rows().map((r) => r.querySelector('.log-time')?.textContent)).not.toContain('00:05');
  });

  it('freezes while paused and counts what arrived', async () => {
    view = await render(<LogsTab />);
    await click(view.container.querySelector('.logs-live'));
    expect(view.container.querySelector('.logs-live')?.textContent).toBe('❚❚ Paused');
    await step(() =>
      useIncidentStore.setState((s) => ({
        logs: [...s.logs, log(80, 'checkout', 'info', 'new 1'), log(81, 'checkout', 'info', 'new 2')],
      })),
    );
    // The view takes new lines at most 4 times a second.
    await step(() => new Promise((r) => setTimeout(r, 300)));
    expect(rows()).toHaveLength(3);
    expect(view.container.querySelector('.logs-live')?.textContent).toBe('❚❚ Paused · 2 new');
    await click(view.container.querySelector('.logs-live'));
    expect(rows()).toHaveLength(5);
    expect(view.container.querySelector('.logs-live')?.textContent).toBe('● Live');
  });

  it('pauses when the trainee scrolls up, not when lines arrive', async () => {
    view = await render(<LogsTab />);
    const list = view.container.querySelector<HTMLElement>('.logs-list')!;
    Object.defineProperty(list, 'scrollHeight', { configurable: true, get: () => 2000 });
    Object.defineProperty(list, 'clientHeight', { configurable: true, get: () => 500 });
    await step(() =>
      useIncidentStore.setState((s) => ({ logs: [...s.logs, log(90, 'checkout', 'info', 'more')] })),
    );
    expect(view.container.querySelector('.logs-live')?.textContent).toBe('● Live');
    await step(() => {
      list.dispatchEvent(new WheelEvent('wheel', { deltaY: -120, bubbles: true }));
    });
    expect(view.container.querySelector('.logs-live')?.textContent).toBe('❚❚ Paused');
  });

  it('shows an empty state before any line', async () => {
    useIncidentStore.setState({ logs: [] });
    view = await render(<LogsTab />);
    expect(view.container.textContent).toContain('No log lines yet.');
  });
});
