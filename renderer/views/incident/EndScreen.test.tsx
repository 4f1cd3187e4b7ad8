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
