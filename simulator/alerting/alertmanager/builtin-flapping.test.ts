import { describe, expect, it } from 'vitest';
import { runBuiltin } from '../../test-support/builtin-run';

/**
 * Issue 14 item 7, "flapping alerts grouped", on a built-in: in alert-storm SearchCpuHigh resolves
 * and fires again several times in the first hour, but inside its chat group, so Alertmanager
 * tells the channel about it once, not at every firing.
 */
describe('a flapping alert in a built-in', () => {
  it('fires many times in Prometheus but is notified as new once', () => {
    const { sim } = runBuiltin('alert-storm.json', 3600);
    const firings = sim.events.filter((e) => e.kind === 'alert-firing' && e.data?.alert === 'SearchCpuHigh');
    const announced = sim.events.filter(
      (e) =>
        e.kind === 'notification' &&
        String(e.data?.new ?? '')
          .split(',')
          .includes('SearchCpuHigh'),
    );
    expect(firings.length).toBeGreaterThanOrEqual(4);
    expect(announced.map((e) => [e.t, e.data?.receiver])).toEqual([[75, 'chat']]);
    // Every page notification opens pages only for alerts new to the page group.
    const paged = sim.events.filter((e) => e.kind === 'notification' && e.data?.receiver === 'page');
    expect(paged.map((e) => `${e.t} ${String(e.data?.new)}`)).toEqual([
      '345 CatalogLatencyHigh',
      '645 PaymentsErrorRateHigh',
    ]);
  });
});
