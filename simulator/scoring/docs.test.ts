/**
 * docs/scoring.md shows a worked example; this test scores the same fixture and checks that every
 * number on the page is what the function computes, so the doc cannot drift from the code.
 */
import { describe, expect, it } from 'vitest';
import scoringDoc from '../../docs/scoring.md?raw';
import { workedExample } from './fixtures';
import { BUDGET_ZERO_AT, DECAY_FACTOR, PENALTIES, WEIGHTS, WEIGHTS_WITH_COMMS, scoreRun } from './score';
import { ESCALATION_CREDIT } from './escalation';

/** The cells of a markdown table row, trimmed, keyed by its first cell. */
function tableRows(markdown: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells[0]) rows.set(cells[0], cells);
  }
  return rows;
}

const worked = scoringDoc.slice(
  scoringDoc.indexOf('## Worked example'),
  scoringDoc.indexOf('## Where it lives'),
);

describe('docs/scoring.md', () => {
  const score = scoreRun(workedExample());

  it("the worked example's breakdown matches scoreRun", () => {
    const rows = tableRows(worked);
    for (const component of score.components) {
      const row = rows.get(component.label);
      expect(row, `row ${component.label}`).toBeDefined();
      expect(Number(row?.[1]), component.label).toBe(component.points);
      expect(Number(row?.[2]), component.label).toBe(component.max);
    }
    const total = rows.get('**Total**');
    expect(total?.[1]).toBe(`**${score.total}**`);
    expect(total?.[3]).toContain(`**grade ${score.grade}**`);
    expect(score).toMatchObject({ total: 75, grade: 'C' });
  });

  it("the worked example's measures match scoreRun", () => {
    const m = score.measures;
    expect(m).toMatchObject({ tta: 180, ttd: 540, ttm: 960, incidentStart: 180, recoveredAt: 1140 });
    expect(worked).toContain('TTA = 6m - 3m = **3m**');
    expect(worked).toContain('TTD = 12m - 3m = **9m**');
    expect(worked).toContain('TTM = 19m - 3m = **16m**');
    expect(m.errorBudget).toMatchObject({ failed: 30450, allowance: 1260, windowEnd: 1260 });
    expect(worked).toContain('**30450** requests');
    expect(worked).toContain('**1260**');
    expect(worked).toContain(`burned = **${(m.errorBudget?.burned ?? 0).toFixed(1)}x**`);
  });

  it('the formula table states the constants the code uses', () => {
    const rows = tableRows(
      scoringDoc.slice(scoringDoc.indexOf('## The formula'), scoringDoc.indexOf('## Worked example')),
    );
    expect(Number(rows.get('Acknowledge')?.[1])).toBe(WEIGHTS.acknowledge);
    expect(Number(rows.get('Diagnose')?.[1])).toBe(WEIGHTS.diagnose);
    expect(Number(rows.get('Mitigate')?.[1])).toBe(WEIGHTS.mitigate);
    expect(Number(rows.get('Error budget')?.[1])).toBe(WEIGHTS.errorBudget);
    expect(Number(rows.get('Conduct')?.[1])).toBe(WEIGHTS.conduct);
    expect(rows.get('Conduct')?.[2]).toContain(
      `10 - ${PENALTIES.harmfulAction} per harmful action - ${PENALTIES.unnecessaryAction} per unnecessary action - ${PENALTIES.wrongDeclaration} per wrong declaration - ${PENALTIES.silencedPage} per page silenced in a breach before mitigation - ${PENALTIES.needlessPage} per team paged needlessly, + ${ESCALATION_CREDIT} back for an early page of an involved team, within 0-10`,
    );
    expect(rows.get('Acknowledge')?.[2]).toContain(`linear to 0 at ${DECAY_FACTOR}x the target`);
    expect(rows.get('Error budget')?.[2]).toContain(`0 at ${BUDGET_ZERO_AT}x`);
    // Formula 4: the weights when communication is scored, in the last column.
    for (const [label, id] of [
      ['Acknowledge', 'acknowledge'],
      ['Diagnose', 'diagnose'],
      ['Mitigate', 'mitigate'],
      ['Error budget', 'errorBudget'],
      ['Conduct', 'conduct'],
      ['Communication', 'communication'],
    ] as const)
      expect(Number(rows.get(label)?.[3]), label).toBe(WEIGHTS_WITH_COMMS[id]);
    expect(Number(rows.get('Communication')?.[1])).toBe(0);
  });
});
