/**
 * The path Prometheus's scrapes take to their targets (`alerting.scrapeVia`: a transit gateway, a
 * peering, a proxy). While a hop of it cannot pass traffic (notify-path.ts's hopBroken) every
 * scrape of the targets behind it fails: `scrape_ok` is 0 for them, which the Prometheus view
 * (prom/accumulate.ts) turns into `up` 0, a staleness marker and then no samples for their other
 * series, as Prometheus writes on a failed scrape. The targets themselves keep running: the
 * metrics are missing, not zero.
 */
import type { Emit } from './lifecycle';
import type { Model } from './compile';
import { brokenHop } from './notify-path';
import type { State } from './state';

/** Sets scrape_ok for this tick; emits Prometheus's log line when the scrapes start or stop failing. */
export function scrapePass(model: Model, st: State, emit: Emit): void {
  const hop = brokenHop(model, st, model.scrapeVia);
  const ok = hop >= 0 ? 0 : 1;
  const target = model.scrapeTarget;
  let changed = -1;
  for (let i = 0; i < model.n; i++) {
    const v = target[i] === 1 ? ok : 1;
    if (st.scrapeOk[i] !== v && changed < 0) changed = i;
    st.scrapeOk[i] = v;
  }
  if (changed < 0) return;
  emit(
    'note',
    hop,
    ok === 0
      ? `prometheus: scrapes through ${model.ids[hop]} failing: Get "http://${model.ids[changed]}:8080/metrics": context deadline exceeded (up == 0 for every target behind it)`
      : 'prometheus: scrapes succeed again; targets are up',
    true,
  );
}
