/** The change log from a real engine run: the scenario's deploys and the trainee's own changes. */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import { runSteps } from '../runs/replay';
import { exampleScenario } from '../scoring/fixtures';
import { changedServices, changeFeed, shortHash } from './changes';

describe('the change log', () => {
  const steps = [
    { at: 300, kind: 'action' as const, type: 'scale' as const, target: 'checkout', params: { replicas: 6 } },
    { at: 400, kind: 'action' as const, type: 'rollback' as const, target: 'checkout' },
    { at: 410, kind: 'action' as const, type: 'failover' as const, target: 'nope' },
  ];

  it("lists the scenario's deploy from the pipeline and the trainee's accepted changes, in time order", () => {
    const scenario = exampleScenario();
    const sim = createSimulation(scenario);
    runSteps(sim, steps, 600);
    const feed = changeFeed(scenario, sim.events);
    expect(feed.map((e) => [e.t, e.service, e.kind, e.who])).toEqual([
      [120, 'checkout', 'deploy', 'deploy-pipeline'],
      [300, 'checkout', 'config', 'you'],
      [400, 'checkout', 'rollback', 'you'],
      [expect.any(Number), 'checkout', 'rollback', 'you'],
    ]);
    const version = feed[0]!.what.split(' ')[0]!;
    expect(feed[0]!.commit).toBe(`${shortHash(`checkout@${version}`)} Release ${version}`);
    expect(feed[1]!.what).toContain('checkout');
    expect(changedServices(feed)).toEqual(['checkout']);
  });

  it('reads the author, commit message and PR the scenario gives a deploy', () => {
    const scenario = exampleScenario({
      communication: {
        deploys: [
          {
            node: 'checkout',
            author: 'maria.k',
            commit: 'a1b2c3d',
            message: 'Pay with v2 API',
            pr: 'checkout#42',
          },
        ],
      },
    });
    const sim = createSimulation(scenario);
    sim.runUntil(200);
    expect(changeFeed(scenario, sim.events)).toEqual([
      {
        t: 120,
        service: 'checkout',
        kind: 'deploy',
        who: 'maria.k',
        what: expect.stringMatching(/^\S+ \(was \S+\)$/),
        commit: 'a1b2c3d Pay with v2 API',
        pr: 'checkout#42',
      },
    ]);
  });

  it('never shows a hidden event', () => {
    const scenario = exampleScenario();
    expect(
      changeFeed(scenario, [
        { t: 1, kind: 'deploy', node: 'x', text: 'Deployed x v2 (was v1)', hidden: true },
      ]),
    ).toEqual([]);
  });
});
