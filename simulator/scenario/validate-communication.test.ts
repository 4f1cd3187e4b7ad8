/** Validation of the communication section: every refusal names its JSON path. */
import { describe, expect, it } from 'vitest';
import { exampleScenario } from '../scoring/fixtures';
import { validateScenario } from './validate';

/** The example scenario as JSON input, with a communication section (and runbooks). */
function input(communication: unknown, runbooks?: unknown): unknown {
  const { communication: _off, ...rest } = JSON.parse(JSON.stringify(exampleScenario())) as Record<
    string,
    unknown
  >;
  return { ...rest, communication, ...(runbooks ? { runbooks } : {}) };
}

function errors(communication: unknown) {
  const result = validateScenario(input(communication));
  return result.ok ? [] : result.errors;
}

describe('the communication section', () => {
  it('accepts authored stakeholders with each trigger, and messages from the default cast', () => {
    expect(
      errors({
        stakeholders: [{ id: 'dev', name: 'Kim', role: 'developer' }],
        messages: [
          { from: 'dev', text: 'We merged at 1:55', kind: 'clue', at: '5m' },
          {
            from: 'support',
            text: 'Android only',
            when: { metric: 'error_ratio', node: 'checkout', value: 0.1 },
          },
          { from: 'manager', text: 'ETA?', silence: '15m' },
        ],
        cadence: { SEV1: '10m' },
      }),
    ).toEqual([]);
  });

  it('accepts escalation settings per team and refuses an unknown team or a bad delay by path', () => {
    expect(
      errors({
        escalation: {
          database: {
            name: 'Ana (DBA)',
            joinAfter: '3m',
            actAfter: '90s',
            lines: ['pg_stat_activity says...'],
          },
          vendor: { involved: true },
        },
      }),
    ).toEqual([]);
    const bad = errors({ escalation: { dba: {}, network: { joinAfter: 'soon' } } });
    expect(bad).toEqual([
      {
        path: 'communication.escalation.network.joinAfter',
        message: 'must be a duration such as "90s", "5m" or "1h", got the text \'soon\'',
      },
      {
        path: 'communication.escalation.dba',
        message: "unknown field 'dba'; known fields: database, network, platform, vendor",
      },
    ]);
  });

  it('refuses an unknown sender, with its path and a suggestion', () => {
    expect(errors({ messages: [{ from: 'suport', text: 'hi', at: '1m' }] })).toEqual([
      {
        path: 'communication.messages[0].from',
        message: expect.stringContaining("no stakeholder named 'suport'"),
      },
    ]);
    const off = errors({ defaultCast: false, messages: [{ from: 'support', text: 'hi', at: '1m' }] });
    expect(off[0]?.message).toContain('the default cast is off');
  });

  it('refuses a message with no trigger or two', () => {
    expect(errors({ messages: [{ from: 'support', text: 'hi' }] })[0]).toMatchObject({
      path: 'communication.messages[0]',
      message: expect.stringContaining('needs a trigger'),
    });
    expect(
      errors({ messages: [{ from: 'support', text: 'hi', at: '1m', silence: '5m' }] })[0]?.message,
    ).toContain('exactly one trigger, this one has at and silence');
  });

  it('refuses a condition on an unknown node or metric, and a time after the end', () => {
    const found = errors({
      messages: [
        { from: 'support', text: 'a', when: { metric: 'error_ratio', node: 'checkot', value: 1 } },
        { from: 'support', text: 'b', when: { metric: 'eror_ratio', node: 'checkout', value: 1 } },
        { from: 'support', text: 'c', at: '2h' },
      ],
    });
    expect(found.map((e) => e.path)).toEqual([
      'communication.messages[0].when.node',
      'communication.messages[1].when.metric',
      'communication.messages[2].at',
    ]);
  });

  it('refuses a deploy annotation on an unknown node', () => {
    expect(errors({ deploys: [{ node: 'checkot', author: 'a', message: 'm' }] })[0]?.path).toBe(
      'communication.deploys[0].node',
    );
  });

  it('refuses a bad severity key, role or a duplicate stakeholder', () => {
    const found = errors({
      cadence: { SEV5: '1m' },
      stakeholders: [
        { id: 'a', name: 'A', role: 'ceo' },
        { id: 'b', name: 'B' },
        { id: 'b', name: 'B again' },
      ],
    });
    const paths = found.map((e) => e.path);
    expect(paths).toContain('communication.cadence.SEV5');
    expect(paths).toContain('communication.stakeholders[0].role');
    expect(found).toContainEqual({
      path: 'communication.stakeholders[2].id',
      message: "stakeholder 'b' is declared twice",
    });
  });

  it('runbooks: links to alerts and services that exist, unique ids', () => {
    const ok = validateScenario(
      input({}, [
        {
          id: 'rb',
          title: 'Checkout errors',
          markdown: '# Steps',
          alerts: ['CheckoutErrors'],
          services: ['checkout'],
        },
      ]),
    );
    expect(ok.ok).toBe(true);
    const bad = validateScenario(
      input({}, [
        { id: 'rb', title: 'A', markdown: '', alerts: ['CheckoutEror'], services: ['checkot'] },
        { id: 'rb', title: 'B', markdown: '' },
      ]),
    );
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual([
      'runbooks[0].alerts[0]',
      'runbooks[0].services[0]',
      'runbooks[1].id',
    ]);
  });
});
