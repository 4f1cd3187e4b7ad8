// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { useIncidentStore } from '../../stores/incident-store';
import { endedRun } from '../debrief/test-fixture';
import { render, type Rendered } from './topology/test-fixtures';
import { EndScreen } from './EndScreen';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  useIncidentStore.getState().reset();
});

describe('EndScreen', () => {
  it('shows the outcome with the score, the grade and the three times right away', async () => {
    const run = endedRun();
    useIncidentStore.setState({
      status: 'ended',
      scenario: run.scenario,
      score: run.score,
      endedAt: run.endedAt,
      ending: 'mitigated',
    });
    view = await render(<EndScreen />);
    const summary = view.container.querySelector('.end-score');
    expect(summary?.getAttribute('aria-label')).toBe(
      `Score ${run.score.total} of 100, grade ${run.score.grade}`,
    );
    expect(view.container.querySelector('.end-score .grade')?.textContent).toBe(run.score.grade);
    expect(view.container.querySelector('.end-total')?.textContent).toBe(`${run.score.total}/100`);
    const times = [...view.container.querySelectorAll('.end-times dt')].map((d) => d.textContent);
    expect(times).toEqual(['Acknowledged in', 'Diagnosed in', 'Mitigated in']);
    expect(view.container.textContent).toContain('Mitigated: every SLO held');
  });

  it("counts the trainee's accepted actions, as the instructor's end screen does (issue 14 item 6)", async () => {
    const run = endedRun();
    const ok = { ok: true, message: '' };
    useIncidentStore.setState({
      status: 'ended',
      scenario: run.scenario,
      score: run.score,
      endedAt: run.endedAt,
      ending: 'mitigated',
      // The instructor's log also holds an injected fault and a refused command.
      actionLog: [
        { t: 100, command: { type: 'error-rate', target: 'checkout', params: { rate: 0.5 } }, result: ok },
        {
          t: 200,
          command: { type: 'restart', target: 'nowhere' },
          result: { ok: false, message: 'no such node' },
        },
        { t: 540, command: { type: 'restart', target: 'checkout' }, result: ok },
        { t: 1080, command: { type: 'rollback', target: 'checkout' }, result: ok },
      ],
    });
    view = await render(<EndScreen />);
    expect(run.score.measures.actions).toHaveLength(2);
    expect(view.container.textContent).toContain('after 2 actions');
  });

  it('says what a missing time means instead of a dash', async () => {
    const run = endedRun();
    const measures = { ...run.score.measures, ttd: null, ttm: null, selfRecovered: false };
    useIncidentStore.setState({
      status: 'ended',
      scenario: run.scenario,
      score: { ...run.score, measures },
      endedAt: run.endedAt,
      ending: 'timeout',
    });
    view = await render(<EndScreen />);
    const values = [...view.container.querySelectorAll('.end-times dd')].map((d) => d.textContent);
    expect(values.slice(1)).toEqual(['not declared', 'not mitigated']);
  });

  it('shows no score while there is none (a run that ended without one)', async () => {
    const run = endedRun();
    useIncidentStore.setState({ status: 'ended', scenario: run.scenario, endedAt: 60, ending: 'abandoned' });
    view = await render(<EndScreen />);
    expect(view.container.querySelector('.end-score')).toBeNull();
    expect(view.container.textContent).toContain('You abandoned the run.');
  });
});
