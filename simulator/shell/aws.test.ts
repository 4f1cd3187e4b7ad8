import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOSTED_ZONE_ID } from './aws';
import { runShellCommand } from './run';
import { sh, shellRun } from './testing';

const builtin = (id: string) => readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8');

interface RecordSet {
  Name: string;
  SetIdentifier: string;
  Weight: number;
  TTL: number;
  HealthCheckId?: string;
}

describe('aws route53 (edge-failover-overloads-survivor)', () => {
  const run = shellRun(builtin('edge-failover-overloads-survivor'));
  const records = (ctx: ReturnType<typeof run.at>): RecordSet[] =>
    (
      JSON.parse(sh(ctx, `aws route53 list-resource-record-sets --hosted-zone-id ${HOSTED_ZONE_ID}`)) as {
        ResourceRecordSets: RecordSet[];
      }
    ).ResourceRecordSets;
  const status = (ctx: ReturnType<typeof run.at>, id: string): string[] =>
    (
      JSON.parse(sh(ctx, `aws route53 get-health-check-status --health-check-id ${id}`)) as {
        HealthCheckObservations: { StatusReport: { Status: string } }[];
      }
    ).HealthCheckObservations.map((o) => o.StatusReport.Status);

  it('lists the weighted records with the scenario weights and TTL, and their health checks', () => {
    const ctx = run.at(120);
    expect(sh(ctx, 'aws route53 list-hosted-zones')).toContain(`/hostedzone/${HOSTED_ZONE_ID}`);
    const sets = records(ctx);
    expect(sets.map((r) => [r.Name, r.SetIdentifier, r.Weight, r.TTL])).toEqual([
      ['front-door.', 'edge-weu', 60, 60],
      ['front-door.', 'edge-neu', 40, 60],
    ]);
    for (const r of sets)
      expect(status(ctx, r.HealthCheckId!).every((s) => s.startsWith('Success'))).toBe(true);
  });

  it('shows the crashed region failing its checks, and a weight change once Route 53 has it', () => {
    const ctx = run.at(900);
    const [weu, neu] = records(ctx);
    expect(status(ctx, weu!.HealthCheckId!)[0]).toMatch(/^Failure: /);
    expect(status(ctx, neu!.HealthCheckId!)[0]).toMatch(/^Success/);
    const changed = run.sim.apply({
      type: 'set-route-weight',
      target: 'front-door->edge-weu',
      params: { weight: 0 },
    });
    expect(changed.ok).toBe(true);
    expect(records(run.at(1000))[0]?.Weight).toBe(0);
  });

  it('answers mistakes as the AWS CLI does', () => {
    const ctx = run.at(1000);
    const bad = (line: string) => runShellCommand(line, ctx);
    expect(bad('aws route53 list-resource-record-sets --hosted-zone-id Z9').output).toContain(
      'NoSuchHostedZone',
    );
    expect(bad('aws route53 get-health-check-status --health-check-id nope').exitCode).toBe(254);
    expect(bad('aws route53 list-resource-record-sets').output).toContain('--hosted-zone-id');
    expect(bad('aws route53 change-resource-record-sets').output).toContain('Ctrl+K');
    expect(bad('aws ec2 describe-instances').exitCode).toBe(1);
  });
});

describe('aws route53 without a traffic router', () => {
  it('has no records, and help does not offer it', () => {
    const ctx = shellRun(builtin('bad-deploy-rollback')).at(60);
    expect(sh(ctx, 'help')).not.toContain('aws route53');
    expect(
      JSON.parse(sh(ctx, `aws route53 list-resource-record-sets --hosted-zone-id ${HOSTED_ZONE_ID}`)),
    ).toEqual({
      ResourceRecordSets: [],
    });
    expect(sh(shellRun(builtin('edge-failover-overloads-survivor')).at(60), 'help')).toContain('aws route53');
  });
});
