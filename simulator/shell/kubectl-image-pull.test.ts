/**
 * kubectl shows new pods without their image the way Kubernetes does: ErrImagePull right after a
 * failed pull, ImagePullBackOff while the kubelet waits, the kubelet's Failed / BackOff events,
 * and describe's Waiting state; running pods stay Running.
 */
import { describe, expect, it } from 'vitest';
import { makeScenario } from '../engine/testing';
import { shellContext } from './context';
import { createSimulation } from '../engine/index';
import { sh } from './testing';

function sim() {
  return createSimulation(
    makeScenario({
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 100 }], noise: 0 },
        { id: 'api', kind: 'service', replicas: 2, coldStart: '20s', imageRegistry: 'ecr' },
        { id: 'ecr', kind: 'external' },
      ],
      edges: [{ from: 'users', to: 'api' }],
      faults: [{ at: '1m', target: 'ecr', type: 'dependency-outage', params: { mode: 'timeouts' } }],
    } as never),
  );
}

const rows = (out: string) => out.split('\n').filter((l) => l.startsWith('api-'));

describe('kubectl and image pulls that fail', () => {
  it('get pods: the new pods show ErrImagePull, then ImagePullBackOff; the old ones Running', () => {
    const s = sim();
    s.runUntil(120);
    expect(s.apply({ type: 'scale', target: 'api', params: { replicas: 4 } }).ok).toBe(true);
    s.runUntil(122);
    let pods = rows(sh(shellContext(s), 'kubectl get pods'));
    expect(pods.filter((l) => /\s1\/1\s+Running\s/.test(l))).toHaveLength(2);
    expect(pods.filter((l) => /\s0\/1\s+ErrImagePull\s/.test(l))).toHaveLength(2);
    s.runUntil(160);
    pods = rows(sh(shellContext(s), 'kubectl get pods'));
    expect(pods.filter((l) => /\s0\/1\s+ImagePullBackOff\s/.test(l))).toHaveLength(2);
    const events = sh(shellContext(s), 'kubectl get events');
    expect(events).toMatch(/Warning\s+Failed\s+pod\/api-\S+\s+Failed to pull image "ecr\/api:v1"/);
    expect(events).toMatch(/Warning\s+Failed\s+pod\/api-\S+\s+Error: ImagePullBackOff/);
    expect(events).toMatch(/Normal\s+BackOff\s+pod\/api-\S+\s+Back-off pulling image "ecr\/api:v1"/);
    const waiting = pods.find((l) => /ImagePullBackOff/.test(l))!.split(/\s+/)[0]!;
    const described = sh(shellContext(s), `kubectl describe pod ${waiting}`);
    expect(described).toMatch(/State:\s+Waiting\n\s+Reason:\s+ImagePullBackOff/);
    expect(described).toMatch(/Image:\s+ecr\/api:v1/);
  });

  it('a stalled rollback shows its surge pod of the next replica set', () => {
    const s = sim();
    s.runUntil(90);
    expect(s.apply({ type: 'rollback', target: 'api', params: { version: 'v0' } }).ok).toBe(true);
    s.runUntil(130);
    const pods = rows(sh(shellContext(s), 'kubectl get pods'));
    expect(pods).toHaveLength(3);
    expect(pods.filter((l) => /\s1\/1\s+Running\s/.test(l))).toHaveLength(2);
    expect(pods.filter((l) => /\s0\/1\s+ImagePullBackOff\s/.test(l))).toHaveLength(1);
  });
});
