/**
 * Declare the root cause like an incident commander: any component of the topology, a cause from
 * the one taxonomy every scenario offers (so the wording cannot give the answer away), and the
 * trainee's hypothesis in their own words. A wrong declaration is recorded, not blocked. Older
 * scenarios without `rootCause.causes` still offer their own list.
 */
import { useState } from 'react';
import { CAUSE_GROUPS, CAUSES, causeOf } from '../../../simulator/scenario/causes';
import { NOTE_TEXT_MAX } from '../../../simulator/runs/notebook';
import { usesTaxonomy } from '../../../simulator/scoring/diagnosis';
import { useConsoleUi } from '../../stores/console-ui-store';
import { useIncidentStore } from '../../stores/incident-store';

function CauseOptions({ legacy }: { legacy: readonly string[] | null }) {
  if (legacy)
    return legacy.map((c) => (
      <option key={c} value={c}>
        {c}
      </option>
    ));
  return CAUSE_GROUPS.map((group) => (
    <optgroup key={group} label={group}>
      {CAUSES.filter((c) => c.group === group).map((c) => (
        <option key={c.id} value={c.id}>
          {c.label}
        </option>
      ))}
    </optgroup>
  ));
}

export function DeclareDialog() {
  const open = useConsoleUi((s) => s.declareOpen);
  const setOpen = useConsoleUi((s) => s.setDeclareOpen);
  const scenario = useIncidentStore((s) => s.scenario);
  const declare = useIncidentStore((s) => s.declare);
  const declared = useIncidentStore((s) => s.events.filter((e) => e.kind === 'declare').length);
  const [node, setNode] = useState('');
  const [cause, setCause] = useState('');
  const [hypothesis, setHypothesis] = useState('');
  if (!open || !scenario) return null;
  const legacy = usesTaxonomy(scenario.rootCause) ? null : scenario.rootCause.categories;
  const means = causeOf(cause)?.means;
  return (
    <div className="modal-backdrop" onMouseDown={() => setOpen(false)}>
      <form
        className="dialog"
        role="dialog"
        aria-label="Declare root cause"
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          if (!node || !cause) return;
          declare(node, cause, hypothesis);
          setOpen(false);
        }}
      >
        <h2>Declare root cause</h2>
        <p className="muted small">
          Where did it start, and what kind of failure is it? You can declare again; every declaration is
          recorded for the debrief{declared ? ` (${declared} so far)` : ''}.
        </p>
        <label>
          Component
          <select value={node} onChange={(e) => setNode(e.target.value)} required>
            <option value="">Choose…</option>
            {scenario.nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label ?? n.id} ({n.kind})
              </option>
            ))}
          </select>
        </label>
        <label>
          Cause
          <select value={cause} onChange={(e) => setCause(e.target.value)} required>
            <option value="">Choose…</option>
            <CauseOptions legacy={legacy} />
          </select>
          {means ? <span className="muted small">{means}</span> : null}
        </label>
        <label>
          Hypothesis (optional)
          <textarea
            rows={3}
            maxLength={NOTE_TEXT_MAX}
            value={hypothesis}
            placeholder="What happened, in your words: what you saw and why you think so."
            onChange={(e) => setHypothesis(e.target.value)}
          />
        </label>
        <div className="dialog-foot">
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!node || !cause}>
            Declare
          </button>
        </div>
      </form>
    </div>
  );
}
