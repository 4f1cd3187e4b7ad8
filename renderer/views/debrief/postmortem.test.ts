import { describe, expect, it } from 'vitest';
import { mdInline, postmortemFileName, postmortemMarkdown } from './postmortem';
import { endedRun, endedRunWithComms } from './test-fixture';

const record = { id: 'bad-deploy-checkout-2025-01-31T10-00-00-000Z', startedAt: '2025-01-31T10:00:00.000Z' };

describe('postmortemMarkdown', () => {
  const run = endedRun();
  const md = postmortemMarkdown({ ...run, record });

  it('has the sections a postmortem needs, in order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Postmortem: A bad deploy of checkout',
      '## Summary',
      '## Impact',
      '## Customer impact',
      '## Timeline',
      '## Root cause',
      '## Investigation notes',
      '## What went well',
      '## What to improve',
      '## Action items',
      '## Score',
    ]);
  });

  it('lists the notebook and declared hypotheses in time order under Investigation notes', () => {
    const steps = [
      ...run.steps,
      { at: 400, kind: 'notebook' as const, entry: 'ruled-out' as const, text: 'not the database: p99 flat' },
      {
        at: 200,
        kind: 'notebook' as const,
        entry: 'hypothesis' as const,
        text: 'the 10:02 deploy of checkout',
      },
      {
        at: 500,
        kind: 'declare' as const,
        node: 'checkout',
        category: 'bad-deploy',
        hypothesis: 'v2 throws 500s',
      },
    ];
    const withNotes = postmortemMarkdown({ ...run, steps, record });
    const section = withNotes.slice(
      withNotes.indexOf('## Investigation notes'),
      withNotes.indexOf('## What went well'),
    );
    expect(section.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      '- T+03:20 **Hypothesis:** the 10:02 deploy of checkout',
      '- T+06:40 **Ruled out:** not the database: p99 flat',
      '- T+08:20 **Declared Bad deploy or release on `checkout`:** v2 throws 500s',
    ]);
    expect(md).toContain('- _No notes were written during the run._');
  });

  it('puts the impact in numbers from the score', () => {
    expect(md).toContain('| Time with SLOs broken | 16m 55s |');
    expect(md).toContain('| Failed requests | 30,450 |');
    expect(md).toContain('| Failures the SLOs allow over the same window | 1,260 |');
    expect(md).toContain('| Error budget burned | 24.2x the allowance |');
    expect(md).toContain('| Time to acknowledge (TTA) | 3m 00s |');
    expect(md).toContain('Score 75/100 (grade C)');
  });

  it('lists the timeline in simulated time, in order, with the hidden truth and effects', () => {
    const section = md.slice(md.indexOf('## Timeline'), md.indexOf('## Root cause'));
    const entries = section.split('\n').filter((l) => l.startsWith('- **T+'));
    const times = entries.map((l) => /T\+(\d\d):(\d\d)/.exec(l)!.slice(1).join(':'));
    expect(times).toEqual([...times].sort());
    expect(entries[0]).toMatch(/^- \*\*T\+02:00\*\* · Cause \(hidden during the run\): Fault starts/);
    expect(entries.some((l) => l.startsWith('- **T+03:00** · System: Page'))).toBe(true);
    expect(entries.find((l) => l.startsWith('- **T+09:00**'))).toContain('_(neutral)_');
    expect(entries.find((l) => l.startsWith('- **T+18:00**'))).toContain('rollback checkout _(fixes)_');
    expect(entries.find((l) => l.startsWith('- **T+08:00**'))).toContain('(wrong)');
  });

  it('explains the root cause and carries the action items as a checklist', () => {
    expect(md).toContain('**bad-deploy** on `checkout`.');
    expect(md).toContain('Version **v2** broke the payment call.');
    const items = md.slice(md.indexOf('## Action items'), md.indexOf('## Score'));
    expect(items).toContain('- [ ] Canary every checkout deploy with automatic rollback.');
    expect(items.indexOf('Canary')).toBeLessThan(items.indexOf('Alert on error ratio per version.'));
  });

  it('derives what went well and what to improve from the score', () => {
    const well = md.slice(md.indexOf('## What went well'), md.indexOf('## What to improve'));
    const improve = md.slice(md.indexOf('## What to improve'), md.indexOf('## Action items'));
    expect(well).toContain('identified 9m 00s into the incident, within the 10m 00s target');
    expect(well).toContain('rollback checkout at T+18:00 (fixes)');
    expect(improve).toContain('Acknowledging the page took 3m 00s against a 2m 00s target');
    expect(improve).toContain('1 wrong diagnosis before the right one');
    expect(improve).toContain('did not address the cause: rollout restart checkout at T+09:00');
    expect(improve).toContain('1 hint was needed');
  });

  it('calls harmful actions out as something to improve', () => {
    const harmful = endedRun();
    const md2 = postmortemMarkdown({
      ...harmful,
      score: {
        ...harmful.score,
        measures: {
          ...harmful.score.measures,
          actions: [
            ...harmful.score.measures.actions,
            { at: 900, type: 'failover', target: 'db', effect: 'harmful' },
          ],
        },
      },
      steps: [
        ...harmful.steps,
        { at: 900, kind: 'action' as const, type: 'failover' as const, target: 'db' },
      ].sort((a, b) => a.at - b.at),
    });
    expect(md2).toContain('Actions that made things worse: fail over db to a replica at T+15:00');
  });

  it('has the score table with every component', () => {
    for (const c of run.score.components) expect(md).toContain(`| ${c.label} |`);
    expect(md).toContain('| **Total** | **75** | 100 | Grade C |');
  });

  it('escapes Markdown in text it does not own', () => {
    expect(mdInline('a|b *c*')).toBe('a\\|b \\*c\\*');
    expect(mdInline('error_ratio <= 1% _x_ <b>')).toBe('error_ratio <= 1% \\_x\\_ \\<b>');
  });

  it('names the file after the scenario and the day', () => {
    expect(postmortemFileName('bad-deploy-checkout', record.startedAt)).toBe(
      'postmortem-bad-deploy-checkout-2025-01-31.md',
    );
  });
});

describe('the communication in the postmortem', () => {
  const md = postmortemMarkdown(endedRunWithComms());

  it('has a customer-impact section: the measured impact beside what customers were told', () => {
    const section = md.slice(md.indexOf('## Customer impact'), md.indexOf('## Timeline'));
    expect(section).toContain(
      'Measured: worst impact partial outage, SLOs broken for 16m 55s, 30,450 failed requests.',
    );
    expect(section).toContain('Severity declared: SEV3; the measured impact made it SEV2.');
    expect(section).toContain(
      '- **T+07:10** Investigating, degraded performance (checkout): Some checkouts fail.',
    );
    expect(section).toContain('- **T+20:50** Resolved, operational (checkout): Fixed.');
  });

  it('puts the communication timeline beside the technical one, and scores it', () => {
    expect(md).toContain('- **T+05:00** · Communication: Kim (checkout dev): We deployed v2 at 2m.');
    expect(md).toContain('- **T+06:40** · Communication: You declared the incident SEV3');
    expect(md).toContain('- **T+07:00** · Communication: You posted: Investigating checkout errors.');
    expect(md).toMatch(/\| Communication \| [\d.]+ \| 10 \|/);
  });

  it('says when nothing was published', () => {
    expect(postmortemMarkdown(endedRun())).toContain('- _Nothing was published on the status page._');
  });
});
