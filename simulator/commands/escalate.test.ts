import { describe, expect, it } from 'vitest';
import { system } from './fixture';
import { completeEscalationCommand, isEscalationLine, parseEscalationCommand, teamActions } from './escalate';

const parse = (line: string) => parseEscalationCommand(line, system);

describe('page and ask commands', () => {
  it('reads a page with its message, quoted or not, by handle or team id', () => {
    expect(parse('page database-oncall "checkout errors, suspect orders-db"')).toEqual({
      ok: true,
      step: { kind: 'escalate', team: 'database', text: 'checkout errors, suspect orders-db' },
      canonical: 'page database-oncall "checkout errors, suspect orders-db"',
    });
    expect(parse('page network lb drops connections')).toMatchObject({
      ok: true,
      step: { kind: 'escalate', team: 'network', text: 'lb drops connections' },
    });
    expect(parse('page vendor-support')).toMatchObject({ ok: true, step: { team: 'vendor', text: '' } });
  });

  it('says which team was meant', () => {
    const r = parse('page databse-oncall help');
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('did you mean database-oncall?') });
    expect(parse('page')).toMatchObject({ ok: false, error: expect.stringContaining('which team?') });
  });

  it('reads an ask with the action, its target and params', () => {
    expect(parse('ask database-oncall kill-queries orders-db')).toEqual({
      ok: true,
      step: { kind: 'ask', team: 'database', type: 'kill-queries', target: 'orders-db' },
      canonical: 'ask database-oncall kill-queries orders-db',
    });
    expect(parse('ask database-oncall set-pool-size orders-db size=200')).toMatchObject({
      ok: true,
      step: { params: { size: 200 } },
    });
    expect(parse('ask platform-oncall raise-memory-limit checkout memoryMb=1024')).toMatchObject({
      ok: true,
    });
  });

  it('refuses an action outside the team domain, with what the team can do', () => {
    const r = parse('ask database-oncall restart checkout');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain("outside Database on-call's domain");
    expect(r.suggestions).toContain('ask database-oncall kill-queries orders-db');
    expect(parse('ask database-oncall kil-queries orders-db')).toMatchObject({
      error: expect.stringContaining('did you mean kill-queries?'),
    });
    expect(parse('ask database-oncall kill-queries nowhere')).toMatchObject({
      error: expect.stringContaining('no node "nowhere"'),
    });
    expect(parse('ask vendor-support restart checkout')).toMatchObject({
      error: expect.stringContaining('takes no actions'),
    });
  });

  it('lists each team actions in its domain and completes the next word', () => {
    expect(teamActions(system, 'network')).toContain('network-oncall scale-dns coredns replicas=');
    expect(teamActions(system, 'network')).toContain('network-oncall open-breaker checkout->orders-db');
    expect(teamActions(system, 'database').every((l) => !l.includes(' checkout'))).toBe(true);
    expect(completeEscalationCommand('pa', system)).toEqual(['page ']);
    expect(completeEscalationCommand('ask data', system)).toEqual(['ask database-oncall ']);
    expect(completeEscalationCommand('ask database-oncall kill', system)).toEqual([
      'ask database-oncall kill-queries orders-db',
    ]);
    expect(isEscalationLine('  ask x')).toBe(true);
    expect(isEscalationLine('kubectl get pods')).toBe(false);
  });
});
