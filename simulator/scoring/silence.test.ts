import { describe, expect, it } from 'vitest';
import { ack, act, brokenSeries, exampleScenario, page, timeline } from './fixtures';
import { PENALTIES, scoreRun } from './score';
import { scoreSchema } from './types';

const scenario = exampleScenario();

/** A silence event as the engine records it: data.pages lists the firing pages it muted. */
const silence = (t: number, pages: string, silenced = pages): Parameters<typeof timeline>[0] => [
  t,
  'silence',
  { id: 's1', matchers: JSON.stringify(['alertname="CheckoutErrors"']), comment: 'noisy', pages, silenced },
];

function conductOf(...specs: Parameters<typeof timeline>) {
  const score = scoreRun({
    scenario,
    events: timeline(...specs),
    // The SLO breaks from 125 s to 1140 s.
    series: brokenSeries(1260, [[125, 1140]]),
    endedAt: 1260,
    ending: 'mitigated',
  });
  expect(scoreSchema.safeParse(score).success).toBe(true);
  return { score, conduct: score.components.find((c) => c.id === 'conduct')! };
}

describe('silences in conduct (formula 5)', () => {
  it('silencing the firing page during the breach before any mitigation costs conduct, and says so', () => {
    const { score, conduct } = conductOf(
      page(180),
      ack(200),
      silence(240, 'CheckoutErrors'),
      act(900, 'rollback', 'checkout'),
    );
    expect(conduct.points).toBe(10 - PENALTIES.silencedPage);
    expect(conduct.detail).toContain(
      '1 page silenced while an SLO was broken and before any mitigation (CheckoutErrors at T+04:00',
    );
    expect(score.measures.silencedPages).toEqual([
      { at: 240, matchers: 'alertname="CheckoutErrors"', alerts: 'CheckoutErrors' },
    ]);
  });

  it('silencing a symptom (no page among the muted alerts) is fine', () => {
    const { conduct, score } = conductOf(
      page(180),
      ack(200),
      silence(240, '', 'CheckoutLatency'),
      act(900, 'rollback', 'checkout'),
    );
    expect(conduct.points).toBe(10);
    expect(score.measures.silencedPages).toBeUndefined();
  });

  it('silencing the page once a fix or a helping action is in is fine', () => {
    expect(
      conductOf(
        page(180),
        ack(200),
        act(300, 'scale', 'checkout', { replicas: 6 }),
        silence(400, 'CheckoutErrors'),
        act(900, 'rollback', 'checkout'),
      ).conduct.points,
    ).toBe(10);
  });

  it('silencing the page outside any breach is fine', () => {
    expect(
      conductOf(page(180), ack(200), act(900, 'rollback', 'checkout'), silence(1200, 'CheckoutErrors'))
        .conduct.points,
    ).toBe(10);
  });
});
