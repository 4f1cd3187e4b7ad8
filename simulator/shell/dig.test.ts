import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolverHealth } from './resolver';
import { runShellCommand } from './run';
import { sh, shellRun } from './testing';

const builtin = (id: string) => readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8');

describe('dig and nslookup in log-shipper-floods-dns', () => {
  const run = shellRun(builtin('log-shipper-floods-dns'));
  const dns = run.sim.scenario.nodes.find((n) => n.kind === 'dns');
  const external = run.sim.scenario.nodes.find((n) => n.kind === 'external');
  const service = run.sim.scenario.nodes.find((n) => n.kind === 'service');
  const flood = run.sim.scenario.faults.find((f) => f.type === 'dns-flood');
  if (dns?.kind !== 'dns' || !external || !service || !flood) throw new Error('scenario changed');

  it('cat /etc/resolv.conf shows the search path and the ndots of the cluster DNS', () => {
    expect(sh(run.at(60), 'cat /etc/resolv.conf')).toBe(
      `search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:${dns.ndots}`,
    );
  });

  it('dig +search +showsearch walks the search domains before the name itself (ndots)', () => {
    const out = sh(run.at(60), `dig +search +showsearch ${external.id}`);
    const questions = [...out.matchAll(/^;(\S+)\.\s+IN\s+A$/gm)].map((m) => m[1]);
    expect(questions).toEqual([
      `${external.id}.default.svc.cluster.local`,
      `${external.id}.svc.cluster.local`,
      `${external.id}.cluster.local`,
      external.id,
    ]);
    const statuses = [...out.matchAll(/status: (\w+)/g)].map((m) => m[1]);
    expect(statuses).toEqual(['NXDOMAIN', 'NXDOMAIN', 'NXDOMAIN', 'NOERROR']);
    expect(out).toMatch(/^;; SERVER: 10\.96\.0\.10#53\(10\.96\.0\.10\) \(UDP\)$/m);
  });

  it('dig without +search asks for the name as typed; a service FQDN answers with its ClusterIP', () => {
    const ctx = run.at(60);
    expect(sh(ctx, `dig ${service.id}`)).toMatch(/status: NXDOMAIN/);
    const fqdn = `${service.id}.default.svc.cluster.local`;
    const out = sh(ctx, `dig ${fqdn}`);
    expect(out).toMatch(/status: NOERROR/);
    expect(out).toMatch(
      new RegExp(`^${fqdn.replaceAll('.', '\\.')}\\.\\s+30\\s+IN\\s+A\\s+10\\.96\\.\\d+\\.\\d+$`, 'm'),
    );
    const ip = sh(ctx, `dig +short ${fqdn}`);
    expect(sh(ctx, `nslookup ${service.id}`)).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\t${fqdn}\nAddress: ${ip}\n`,
    );
    expect(sh(ctx, 'nslookup nothing-here')).toContain("** server can't find nothing-here: NXDOMAIN");
  });

  it('times out while the flooded resolver cannot answer', () => {
    const ctx = run.at(flood.at + 300);
    expect(resolverHealth(ctx).answers).toBe(false);
    const r = runShellCommand(`dig ${service.id}.default.svc.cluster.local`, ctx);
    expect(r.exitCode).toBe(9);
    expect(r.output).toMatch(/communications error to 10\.96\.0\.10#53: timed out/);
    expect(r.output).toMatch(/no servers could be reached$/);
    expect(sh(ctx, `nslookup ${service.id}`)).toMatch(/connection timed out; no servers could be reached/);
    expect(sh(ctx, `curl -s http://${service.id}/`)).toBe(`curl: (6) Could not resolve host: ${service.id}`);
  });
});
