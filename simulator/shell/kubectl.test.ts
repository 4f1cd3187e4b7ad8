import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { responderReport } from '../comms/responder-report';
import { liveOf } from './context';
import { runShellCommand } from './run';
import { sh, shellRun } from './testing';
import { allPods, workloadById } from './workloads';

const builtin = (id: string) => readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8');

describe('kubectl in alert-storm (a memory leak OOM-kills a service)', () => {
  const run = shellRun(builtin('alert-storm'));
  const leak = run.sim.scenario.faults.find((f) => f.type === 'memory-leak');
  const leaking = leak?.target ?? '';

  it('describe pod shows the OOM kill: last state, exit code 137, restarts, events', () => {
    const ctx = run.at(1200);
    expect(ctx.events.some((e) => e.kind === 'oom-kill' && e.node === leaking)).toBe(true);
    const out = sh(ctx, `kubectl describe pod ${leaking}`);
    expect(out).toMatch(/Last State:\s+Terminated/);
    expect(out).toMatch(/Reason:\s+OOMKilled/);
    expect(out).toMatch(/Exit Code:\s+137/);
    expect(out).toMatch(/Restart Count:\s+[1-9]/);
    expect(out).toMatch(/Warning\s+OOMKilling/);
    const w = workloadById(ctx, leaking);
    expect(w?.kind).toBe('service');
    if (w?.kind === 'service') expect(out).toMatch(new RegExp(`memory:\\s+${w.memoryLimitMb}Mi`));
  });

  it('a pod waiting out its CrashLoopBackOff shows so, and keeps its name across the restart', () => {
    // the second OOM kill starts a 10 s back-off (Kubernetes doubles it from 10 s)
    const probe = shellRun(builtin('alert-storm'));
    probe.at(1200);
    const kill = probe.sim.events.filter((e) => e.kind === 'oom-kill' && e.node === leaking)[1]!;
    const fresh = shellRun(builtin('alert-storm'));
    const during = fresh.at(kill.t + 5);
    expect(liveOf(during, leaking)?.waitingBackoff).toBe(1);
    const row =
      sh(during, 'kubectl get pods')
        .split('\n')
        .find((l) => l.startsWith(`${leaking}-`)) ?? '';
    expect(row).toMatch(/\s0\/1\s+CrashLoopBackOff\s+2 \(5s ago\)/);
    const after =
      sh(fresh.at(kill.t + 60), 'kubectl get pods')
        .split('\n')
        .find((l) => l.startsWith(`${leaking}-`)) ?? '';
    expect(after.split(/\s+/)[0]).toBe(row.split(/\s+/)[0]);
    expect(after).toMatch(/\s1\/1\s+Running\s+2 /);
  });

  it('get pods lists every replica of every service with its live readiness and restarts', () => {
    const ctx = run.at(1200);
    const out = sh(ctx, 'kubectl get pods');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    const pods = allPods(ctx, 'default');
    expect(lines.length - 1).toBe(pods.length);
    for (const node of run.sim.scenario.nodes.filter((n) => n.kind === 'service')) {
      const live = liveOf(ctx, node.id);
      const rows = lines.filter(
        (l) => l.startsWith(`${node.id}-`) && /^\S+-[a-z0-9]{9,10}-[a-z0-9]{5}\s/.test(l),
      );
      expect(rows.length, node.id).toBe(live?.replicas);
      expect(rows.filter((r) => /\s1\/1\s/.test(r)).length, node.id).toBe(live?.ready);
    }
    const leakRow = lines.find((l) => l.startsWith(`${leaking}-`)) ?? '';
    expect(leakRow).toMatch(/\s[1-9]\d* \(\S+ ago\)\s/);
  });

  it('get events names the OOM-killed pod; top pods shows memory near the limit', () => {
    const ctx = run.at(1200);
    expect(sh(ctx, 'kubectl get events')).toMatch(new RegExp(`Warning\\s+OOMKilling\\s+pod/${leaking}-`));
    const top = sh(ctx, 'kubectl top pods').split('\n');
    expect(top[0]).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)$/);
    expect(top.slice(1).every((l) => /^\S+\s+\d+m\s+\d+Mi$/.test(l))).toBe(true);
  });
});

describe('kubectl in bad-deploy-rollback', () => {
  const run = shellRun(builtin('bad-deploy-rollback'));
  const bad = run.sim.scenario.faults.find((f) => f.type === 'bad-deploy' && f.id === 'orders-bad-release');

  it('pod names hold still within a run and change on a rollout', () => {
    const names = (t: number) =>
      allPods(run.at(t), 'default')
        .filter((p) => p.workload.id === 'orders')
        .map((p) => p.name);
    const gateway = (t: number) =>
      allPods(run.at(t))
        .filter((p) => p.workload.id === 'gateway')
        .map((p) => p.name);
    const before = names(200);
    const gw = gateway(200);
    expect(names(300)).toEqual(before);
    const after = names((bad?.at ?? 360) + 30);
    expect(after.length).toBe(before.length);
    expect(after.some((n) => before.includes(n))).toBe(false);
    expect(gateway((bad?.at ?? 360) + 30)).toEqual(gw);
  });

  it('rollout history lists the deploy with its change cause; get deploy -o wide shows the live image', () => {
    const ctx = run.at(900);
    const version = String(bad?.params.version);
    const history = sh(ctx, 'kubectl rollout history deploy/orders');
    expect(history.split('\n')[0]).toBe('deployment.apps/orders');
    expect(history).toMatch(/^REVISION\s+CHANGE-CAUSE$/m);
    expect(history).toMatch(
      new RegExp(`^2\\s+kubectl set image deployment/orders app=\\S+:${version}$`, 'm'),
    );
    expect(sh(ctx, 'kubectl get deploy orders -o wide')).toContain(`orders:${version}`);
    expect(sh(ctx, 'kubectl describe deploy orders')).toMatch(/deployment\.kubernetes\.io\/revision: 2/);
  });

  it("answers errors in kubectl's own words", () => {
    const ctx = run.at(900);
    expect(runShellCommand('kubectl frobnicate', ctx)).toEqual({
      output: 'error: unknown command "frobnicate" for "kubectl"\nRun \'kubectl --help\' for usage.',
      exitCode: 1,
    });
    expect(sh(ctx, 'kubectl get widgets')).toBe('error: the server doesn\'t have a resource type "widgets"');
    expect(sh(ctx, 'kubectl get pods --colour')).toMatch(/^error: unknown flag: --colour/);
    expect(sh(ctx, 'kubectl describe pod nope')).toBe('Error from server (NotFound): pods "nope" not found');
    expect(sh(ctx, 'kubectl get hpa')).toBe('No resources found in default namespace.');
    expect(sh(ctx, 'kubectl logs gateway-x --previous')).toMatch(/NotFound/);
    const pod = allPods(ctx).find((p) => p.workload.id === 'gateway')?.name ?? '';
    expect(sh(ctx, `kubectl logs ${pod} --previous`)).toMatch(
      /previous terminated container "app" in pod ".*" not found/,
    );
    const scale = runShellCommand('kubectl scale deploy/orders --replicas=3', ctx);
    expect(scale.exitCode).toBe(1);
    expect(scale.output).toMatch(/would change the system.*Ctrl\+K/);
    expect(sh(ctx, 'kubectl rollout undo deploy/orders')).toMatch(/Ctrl\+K/);
  });

  it('logs of a pod are its service lines, newest last, cut by --tail', () => {
    const ctx = run.at(900);
    const out = sh(ctx, 'kubectl logs deploy/orders --tail 5').split('\n');
    expect(out[0]).toMatch(/^Found \d+ pods, using pod\/orders-/);
    expect(out.length).toBeLessThanOrEqual(6);
    expect(out.slice(1).every((l) => /^2026-\d\d-\d\dT[\d:.]+Z (INFO |ERROR|WARN |DEBUG) \[/.test(l))).toBe(
      true,
    );
  });
});

describe('kubectl get/describe hpa (otp-autoscaling-wrong-signal)', () => {
  const run = shellRun(builtin('otp-autoscaling-wrong-signal'));
  const hpa = run.sim.scenario.nodes.find((n) => n.kind === 'service' && n.autoscaler);

  it('shows the CPU target the HPA follows and its rescale events', () => {
    const ctx = run.at(900);
    if (hpa?.kind !== 'service' || !hpa.autoscaler) throw new Error('scenario has no HPA');
    const target = Math.round(hpa.autoscaler.target * 100);
    const cpu = Math.round(ctx.metric('cpu_utilization', hpa.id) * 100);
    expect(sh(ctx, 'kubectl get hpa')).toMatch(
      new RegExp(
        `^${hpa.id}\\s+Deployment/${hpa.id}\\s+cpu: ${cpu}%/${target}%\\s+${hpa.autoscaler.min}\\s+${hpa.autoscaler.max}\\s+${liveOf(ctx, hpa.id)?.replicas}\\s`,
        'm',
      ),
    );
    const described = sh(ctx, `kubectl describe hpa ${hpa.id}`);
    expect(described).toMatch(new RegExp(`${cpu}% \\(\\d+m\\) / ${target}%`));
    expect(described).toMatch(/Normal\s+SuccessfulRescale/);
  });
});

describe('kubectl and the responders read the HPA as it is now, not as the scenario wrote it', () => {
  it('a patched HPA shows its new bounds and target; a deleted one is gone; a created one appears', () => {
    const run = shellRun(builtin('otp-autoscaling-wrong-signal'));
    const hpa = run.sim.scenario.nodes.find((n) => n.kind === 'service' && n.autoscaler);
    if (hpa?.kind !== 'service' || !hpa.autoscaler) throw new Error('scenario has no HPA');
    run.at(300);
    const patched = run.sim.apply({
      type: 'set-autoscaler-bounds',
      target: hpa.id,
      params: { min: 3, max: 37, target: 0.55 },
    });
    expect(patched.ok).toBe(true);
    let ctx = run.at(330);
    const row = sh(ctx, 'kubectl get hpa')
      .split('\n')
      .find((l) => l.startsWith(`${hpa.id} `));
    expect(row).toMatch(/cpu: \d+%\/55%\s+3\s+37\s/);
    expect(sh(ctx, `kubectl describe hpa ${hpa.id}`)).toMatch(/Max replicas:\s+37/);
    // The platform team's responder reads the same live HPA.
    expect(responderReport('platform', { ...ctx, edgeMetric: () => 0 })).toContain('(min 3, max 37)');

    expect(run.sim.apply({ type: 'delete-autoscaler', target: hpa.id, params: {} }).ok).toBe(true);
    ctx = run.at(360);
    expect(sh(ctx, 'kubectl get hpa')).not.toMatch(new RegExp(`^${hpa.id}\\s`, 'm'));
    expect(sh(ctx, `kubectl describe hpa ${hpa.id}`)).toMatch(/NotFound|not found/);

    // kubectl autoscale on it again creates one with kubectl's default 80% CPU.
    expect(
      run.sim.apply({ type: 'set-autoscaler-bounds', target: hpa.id, params: { min: 2, max: 9 } }).ok,
    ).toBe(true);
    ctx = run.at(390);
    expect(sh(ctx, 'kubectl get hpa')).toMatch(
      new RegExp(`^${hpa.id}\\s+Deployment/${hpa.id}\\s+cpu: \\d+%/80%\\s+2\\s+9\\s`, 'm'),
    );
  });
});

describe('kubectl and readiness probes (deep-health-check-takes-site-down)', () => {
  const run = shellRun(builtin('deep-health-check-takes-site-down'));

  it('a service out of rotation has running pods that are not ready, and describe shows the probe failing', () => {
    const ctx = run.at(900);
    const out = ctx.liveNodes.find((n) => n.probe === 'out-of-rotation');
    if (!out) throw new Error('no service left rotation by T+15m');
    const rows = sh(ctx, 'kubectl get pods')
      .split('\n')
      .filter((l) => l.startsWith(`${out.id}-`));
    expect(rows.length).toBe(out.replicas);
    for (const row of rows) expect(row).toMatch(/\s0\/1\s+Running\s/);
    const described = sh(ctx, `kubectl describe pod ${out.id}`);
    expect(described).toMatch(/^ {4}Ready:\s+False$/m);
    expect(described).toMatch(/Warning\s+Unhealthy\s+.*Readiness probe failed/);
    expect(sh(ctx, 'kubectl get deploy')).toMatch(new RegExp(`^${out.id}\\s+0/${out.replicas}\\s`, 'm'));
  });
});

describe('kubectl describe shows the probes as they are now', () => {
  const text = JSON.stringify({
    schemaVersion: 1,
    id: 'probes',
    title: 'Probes',
    difficulty: 'beginner',
    duration: '20m',
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '20m', target: 20 }] },
      { id: 'api', kind: 'service', livenessProbe: { timeoutSeconds: 2, failureThreshold: 5 } },
    ],
    edges: [{ from: 'users', to: 'api' }],
    rootCause: { node: 'api', category: 'probe', categories: ['probe', 'load'] },
    objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }] },
  });

  it('lists the liveness probe from the scenario, then the one a set-probe action rolled out', () => {
    const run = shellRun(text);
    const before = sh(run.at(60), 'kubectl describe deploy api');
    expect(before).toMatch(
      /Liveness:\s+http-get http:\/\/:8080\/healthz delay=0s timeout=2s period=10s #success=1 #failure=5/,
    );
    expect(before).toMatch(/Readiness:\s+http-get/);
    const applied = run.sim.apply({
      type: 'set-probe',
      target: 'api',
      params: { probe: 'liveness', timeoutSeconds: 10, failureThreshold: 6 },
    });
    expect(applied.ok).toBe(true);
    const after = sh(run.at(300), 'kubectl describe deploy api');
    expect(after).toMatch(
      /Liveness:\s+http-get http:\/\/:8080\/healthz delay=0s timeout=10s period=10s #success=1 #failure=6/,
    );
  });
});
