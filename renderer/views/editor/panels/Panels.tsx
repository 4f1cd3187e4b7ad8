/** The scenario-wide tabs: metadata, alerts, actions, root cause, objectives, scoring, hints, solution, briefing, postmortem. */
import Markdown from '../../shared/Markdown';
import { ACTION_CATALOG } from '../../../../simulator/engine/actions';
import { parsePromQL } from '../../../../simulator/prom/parse';
import { ACTION_TYPES, type ActionType } from '../../../../simulator/scenario/schema';
import { getIn, isObject } from '../doc';
import { useEditorStore } from '../editor-store';
import { Field } from '../Field';
import { useTargets } from './FaultsPanel';
import { ListEditor } from './ListEditor';
import { ParamsField } from './ParamsField';
import { CausesField } from './CausesField';
import { CAUSE_IDS } from '../../../../simulator/scenario/causes';

const useNodeIds = () => useTargets().filter((t) => !t.includes('->'));

export function ScenarioPanel() {
  return (
    <div className="ed-grid" data-testid="scenario-panel">
      <Field
        path={['id']}
        label="Id"
        type="string"
        required
        testId="meta-id"
        help="File name and personal-best key."
      />
      <Field path={['title']} label="Title" type="string" required testId="meta-title" />
      <Field path={['summary']} label="Summary" type="text" rows={2} className="is-wide" />
      <Field
        path={['difficulty']}
        label="Difficulty"
        type="enum"
        options={['beginner', 'intermediate', 'advanced']}
        required
      />
      <Field path={['tags']} label="Tags" type="ids" placeholder="comma, separated" />
      <Field path={['estimatedMinutes']} label="Estimated minutes" type="number" placeholder="15" />
      <Field path={['seed']} label="Seed" type="integer" placeholder="1" />
      <Field
        path={['duration']}
        label="Duration"
        type="duration"
        required
        placeholder="30m"
        testId="meta-duration"
      />
      <Field path={['tickSeconds']} label="Tick" type="number" unit="s" placeholder="1" />
      <Field path={['basedOn']} label="Based on" type="text" rows={2} className="is-wide" />
    </div>
  );
}

function ExprStatus({ group, index }: { group: number; index: number }) {
  const expr = useEditorStore((s) =>
    getIn(s.doc ?? undefined, ['alerting', 'groups', group, 'rules', index, 'expr']),
  );
  if (typeof expr !== 'string' || expr.trim() === '') return null;
  const result = parsePromQL(expr);
  const testId = `alert-${group}-${index}-parse`;
  return result.ok ? (
    <div className="ed-parse ok" data-testid={testId}>
      ✓ parses ({result.type === 'vector' ? 'instant vector' : result.type})
    </div>
  ) : (
    <div className="ed-parse bad" data-testid={testId}>
      ✗ doesn’t parse: {result.error} (column {result.position + 1})
    </div>
  );
}

function RulesEditor({ group }: { group: number }) {
  return (
    <ListEditor
      path={['alerting', 'groups', group, 'rules']}
      testId={`alerts-${group}`}
      addLabel="Add alerting rule"
      empty="No rules in this group."
      newItem={() => ({
        alert: 'NewAlert',
        expr: 'sum by (service) (rate(http_requests_total{service="", code=~"5.."}[1m])) / sum by (service) (rate(http_requests_total{service=""}[1m])) > 0.05',
        for: '1m',
        labels: { severity: 'P1' },
        annotations: { summary: '' },
      })}
      title={(i) => `Rule ${i + 1}`}
      columns={[
        { key: 'alert', label: 'Alert', type: 'string', required: true },
        {
          key: 'labels.severity',
          label: 'Severity',
          type: 'enum',
          options: ['P0', 'P1', 'P2', 'P3'],
          required: true,
        },
        {
          key: 'expr',
          label: 'PromQL',
          type: 'string',
          wide: true,
          required: true,
          help: 'Over the Prometheus names of the run, e.g. histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="api"}[1m]))) > 2',
        },
        { key: 'for', label: 'For', type: 'duration', placeholder: '0s' },
        { key: 'keep_firing_for', label: 'Keep firing for', type: 'duration', placeholder: '0s' },
        { key: 'annotations.summary', label: 'Summary', type: 'string', wide: true },
        { key: 'annotations.description', label: 'Runbook (markdown)', type: 'text', wide: true, rows: 2 },
      ]}
      extra={(i) => <ExprStatus group={group} index={i} />}
    />
  );
}

export function AlertsPanel() {
  const route = useEditorStore((s) => getIn(s.doc ?? undefined, ['alerting', 'route']));
  return (
    <div>
      <ListEditor
        path={['alerting', 'groups']}
        testId="alert-groups"
        addLabel="Add rule group"
        empty="No alerting rules: the trainee would never be paged."
        newItem={() => ({ name: 'alerts', interval: '15s', rules: [] })}
        title={(g) => `Rule group ${g + 1}`}
        columns={[
          { key: 'name', label: 'Group', type: 'string', required: true },
          { key: 'interval', label: 'Interval', type: 'duration', placeholder: '15s' },
        ]}
        extra={(g) => <RulesEditor group={g} />}
      />
      <p className="muted small">
        Route (Alertmanager): alerts go to the root receiver unless a child route’s matchers all match (e.g.{' '}
        <code>alertname=~&quot;A|B&quot;</code> to chat). Edit it in the JSON file.
      </p>
      <pre className="small" data-testid="alert-route">
        {JSON.stringify(route ?? { receiver: 'page' }, null, 2)}
      </pre>
    </div>
  );
}

export function ActionsPanel() {
  const targets = useTargets();
  const types = useEditorStore((s) =>
    (Array.isArray(s.doc?.actions) ? s.doc.actions : [])
      .map((a) => (isObject(a) ? String(a.type) : ''))
      .join('\n'),
  ).split('\n');
  return (
    <div>
      <p className="muted small">
        How the scoring classifies actions. The trainee can take every catalog action on every node it applies
        to; an action not listed here counts as unnecessary. Classify the plausible wrong moves too (effect
        “harmful” or “neutral”).
      </p>
      <ListEditor
        path={['actions']}
        testId="actions"
        addLabel="Add action"
        empty="No actions classified."
        newItem={() => ({ type: 'restart', target: targets[0] ?? '', effect: 'neutral' })}
        title={(i) => `Action ${i + 1}`}
        columns={[
          { key: 'type', label: 'Type', type: 'enum', options: ACTION_TYPES, required: true },
          { key: 'target', label: 'Target', type: 'enum', options: targets, required: true },
          {
            key: 'effect',
            label: 'Effect',
            type: 'enum',
            options: ['fixes', 'helps', 'neutral', 'harmful'],
            placeholder: 'neutral',
          },
          { key: 'delay', label: 'Delay', type: 'duration', placeholder: 'per type' },
          { key: 'label', label: 'Label', type: 'string', wide: true, placeholder: 'kubectl-like default' },
        ]}
        extra={(i) => {
          const doc = ACTION_CATALOG[types[i] as ActionType];
          return (
            <>
              {doc && <p className="muted small">Applies to: {doc.appliesTo.join(', ')}.</p>}
              <ParamsField
                path={['actions', i, 'params']}
                docs={doc?.params}
                testId={`actions-${i}-params`}
              />
            </>
          );
        }}
      />
    </div>
  );
}

export function RootCausePanel() {
  const nodes = useNodeIds();
  // Older files choose from their own list; shown only while such a list is there.
  const legacy = useEditorStore((s) => {
    const c = getIn(s.doc ?? undefined, ['rootCause', 'categories']);
    return Array.isArray(c) && c.length > 0;
  });
  return (
    <div className="ed-grid" data-testid="root-cause-panel">
      <Field
        path={['rootCause', 'node']}
        label="Node"
        type="enum"
        options={nodes}
        required
        testId="rc-node"
      />
      <Field
        path={['rootCause', 'category']}
        label="The cause in a sentence (debrief)"
        type="string"
        required
        testId="rc-category"
      />
      <CausesField />
      {legacy ? (
        <Field
          path={['rootCause', 'categories']}
          label="Older format: the scenario's own choices (ignored once causes are set)"
          type="strings"
          rows={4}
          className="is-wide"
          testId="rc-categories"
        />
      ) : null}
      <Field
        path={['rootCause', 'explanation']}
        label="Explanation (markdown, debrief)"
        type="text"
        rows={4}
        className="is-wide"
      />
    </div>
  );
}

export function ObjectivesPanel() {
  const nodes = useNodeIds();
  return (
    <div>
      <div className="ed-grid">
        <Field path={['objectives', 'holdFor']} label="Hold for" type="duration" placeholder="2m" />
        <Field path={['objectives', 'selfHeals']} label="Self-heals" type="boolean" placeholder="false" />
      </div>
      <h4 className="ed-subhead">SLOs</h4>
      <ListEditor
        path={['objectives', 'slos']}
        testId="slos"
        addLabel="Add SLO"
        newItem={() => ({ node: nodes[0] ?? '', metric: 'error_ratio', max: 0.01 })}
        title={(i) => `SLO ${i + 1}`}
        columns={[
          { key: 'node', label: 'Node', type: 'enum', options: nodes, required: true },
          {
            key: 'metric',
            label: 'Metric',
            type: 'enum',
            options: ['error_ratio', 'latency_p99', 'latency_p95', 'queue_oldest_seconds'],
            required: true,
          },
          { key: 'max', label: 'Max', type: 'number', required: true, help: 'ratio 0-1 or seconds' },
          { key: 'description', label: 'Description', type: 'string', wide: true },
        ]}
      />
    </div>
  );
}

export function ScoringPanel() {
  return (
    <div className="ed-grid">
      <p className="muted small is-wide">Target times from the first page for full marks.</p>
      <Field path={['scoring', 'acknowledge']} label="Acknowledge" type="duration" placeholder="2m" />
      <Field path={['scoring', 'diagnose']} label="Diagnose" type="duration" placeholder="10m" />
      <Field path={['scoring', 'mitigate']} label="Mitigate" type="duration" placeholder="15m" />
    </div>
  );
}

export function HintsPanel() {
  return (
    <ListEditor
      path={['hints']}
      testId="hints"
      addLabel="Add hint"
      empty="No hints."
      newItem={() => ({ text: '', cost: 5 })}
      title={(i) => `Hint ${i + 1}`}
      columns={[
        { key: 'text', label: 'Text (markdown)', type: 'text', wide: true, rows: 2 },
        { key: 'cost', label: 'Cost', type: 'number', unit: 'points', placeholder: '5' },
      ]}
    />
  );
}

export function SolutionPanel() {
  const targets = useTargets();
  return (
    <div>
      <p className="muted small">
        The scripted ideal response: the Preview’s “with solution” run and the tests replay it.
      </p>
      <ListEditor
        path={['solution']}
        testId="solution"
        addLabel="Add step"
        empty="No steps yet."
        newItem={() => ({ at: '5m', kind: 'action' })}
        title={(i) => `Step ${i + 1}`}
        columns={[
          { key: 'at', label: 'At', type: 'duration', required: true },
          {
            key: 'kind',
            label: 'Kind',
            type: 'enum',
            options: ['acknowledge', 'declare', 'action'],
            required: true,
          },
          { key: 'type', label: 'Action type', type: 'enum', options: ACTION_TYPES },
          { key: 'target', label: 'Target', type: 'enum', options: targets },
          { key: 'category', label: 'Cause (declare)', type: 'enum', options: CAUSE_IDS },
        ]}
      />
    </div>
  );
}

export function BriefingPanel() {
  const text = useEditorStore((s) => getIn(s.doc ?? undefined, ['briefing']));
  return (
    <div className="ed-briefing">
      <Field path={['briefing']} label="Briefing (markdown)" type="text" rows={18} testId="briefing" />
      <div className="ed-markdown" aria-label="Preview">
        {typeof text === 'string' && text.trim() ? (
          <Markdown>{text}</Markdown>
        ) : (
          <p className="muted">The preview appears here.</p>
        )}
      </div>
    </div>
  );
}

export function PostmortemPanel() {
  return (
    <Field
      path={['postmortem', 'actionItems']}
      label="Action items (one per line)"
      type="strings"
      rows={8}
      testId="action-items"
    />
  );
}
