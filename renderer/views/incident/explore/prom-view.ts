/**
 * The run's Prometheus view for Explore and every PromQL panel, cached per scenario and rebuilt as
 * the run grows: each panel would otherwise rebuild the whole view (every series of the run) for
 * itself. A module of its own so the dashboard does not load Explore's editor.
 */
import { useMemo } from 'react';
import type { PromSource } from '../../../../simulator/prom/types';
import type { Scenario } from '../../../../simulator/scenario/schema';
import { useIncidentStore } from '../../../stores/incident-store';
import { viewCache } from './run-query';

const caches = new WeakMap<Scenario, ReturnType<typeof viewCache>>();

export function usePromView(): () => PromSource | undefined {
  const scenario = useIncidentStore((s) => s.scenario);
  return useMemo(() => {
    if (!scenario) return () => undefined;
    let cache = caches.get(scenario);
    if (!cache) caches.set(scenario, (cache = viewCache(scenario.nodes)));
    const shared = cache;
    return () => {
      const buffer = useIncidentStore.getState().buffer;
      return buffer ? shared(buffer) : undefined;
    };
  }, [scenario]);
}
