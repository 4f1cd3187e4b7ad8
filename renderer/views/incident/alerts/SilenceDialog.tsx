/**
 * "New silence", like Alertmanager's UI: matchers prefilled from the alert or group, a duration
 * and a required comment; the alerts it would mute now are listed as the matchers change. The
 * silence is a run step (saved, replayed, shown in the debrief).
 */
import { useMemo, useState } from 'react';
import { makeSilence, SILENCE_MAX_SECONDS } from '../../../../simulator/alerting/alertmanager/silences';
import { scenarioAlerts } from '../../../../simulator/alerting/rules';
import { NOTE_TEXT_MAX } from '../../../../simulator/runs/notebook';
import { formatDuration, parseDuration } from '../../../../simulator/scenario/duration';
import { useIncidentStore } from '../../../stores/incident-store';
import { affectedRules } from './alertmanager-model';

export interface SilenceDialogProps {
  /** What the silence is for, e.g. "CheckoutErrors" or "the page group". */
  readonly subject: string;
  readonly matchers: readonly string[];
  readonly onClose: () => void;
}

export function SilenceDialog({ subject, matchers: initial, onClose }: SilenceDialogProps) {
  const scenario = useIncidentStore((s) => s.scenario);
  const alerts = useIncidentStore((s) => s.alerts);
  const silence = useIncidentStore((s) => s.silence);
  const [matchers, setMatchers] = useState<string[]>(() => [...initial]);
  const [duration, setDuration] = useState('1h');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const rules = useMemo(() => (scenario ? scenarioAlerts(scenario) : []), [scenario]);
  const affected = affectedRules(matchers, rules, alerts);
  const seconds = parseDuration(duration);

  const check = (): string | undefined => {
    if (seconds === undefined || seconds <= 0) return 'Duration: write one such as 30m, 1h or 2h30m.';
    if (seconds > SILENCE_MAX_SECONDS) return `Duration: at most ${formatDuration(SILENCE_MAX_SECONDS)}.`;
    const made = makeSilence('check', {
      matchers: matchers.map((m) => m.trim()).filter((m) => m !== ''),
      startsAt: 0,
      endsAt: seconds,
      createdBy: 'trainee',
      comment,
    });
    return made.ok ? undefined : made.error.charAt(0).toUpperCase() + made.error.slice(1) + '.';
  };

  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <form
        className="dialog silence-dialog"
        role="dialog"
        aria-label="New silence"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
        onSubmit={(e) => {
          e.preventDefault();
          const problem = check();
          setError(problem);
          if (problem || seconds === undefined) return;
          setSending(true);
          void silence(
            matchers.map((m) => m.trim()).filter((m) => m !== ''),
            seconds,
            comment,
          ).then((result) => {
            setSending(false);
            if (result.ok) onClose();
            else setError(result.message);
          });
        }}
      >
        <h2>New silence: {subject}</h2>
        <p className="muted small">
          A silence stops notifications of the alerts it matches; they keep firing in Prometheus and still
          show here. It is recorded for the debrief.
        </p>
        <fieldset className="silence-matchers">
          <legend>Matchers</legend>
          {matchers.map((m, i) => (
            <div key={i} className="silence-matcher">
              <input
                aria-label={`Matcher ${i + 1}`}
                value={m}
                spellCheck={false}
                onChange={(e) => setMatchers(matchers.map((x, k) => (k === i ? e.target.value : x)))}
              />
              <button
                type="button"
                className="link"
                aria-label={`Remove matcher ${i + 1}`}
                onClick={() => setMatchers(matchers.filter((_, k) => k !== i))}
              >
                ×
              </button>
            </div>
          ))}
          <button type="button" className="link" onClick={() => setMatchers([...matchers, ''])}>
            + Add matcher
          </button>
          <span className="muted small" data-testid="silence-affected">
            {affected.length
              ? `Mutes now: ${affected.join(', ')}`
              : 'Matches no firing alert now (it will mute matching alerts that fire later).'}
          </span>
        </fieldset>
        <label>
          Duration
          <input
            aria-label="Duration"
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            placeholder="1h"
          />
          <span className="muted small">
            {seconds !== undefined && seconds > 0 ? `Ends ${formatDuration(seconds)} from now.` : ' '}
          </span>
        </label>
        <label>
          Comment (required)
          <textarea
            aria-label="Comment"
            rows={2}
            maxLength={NOTE_TEXT_MAX}
            value={comment}
            placeholder="Why: e.g. known symptom of the orders-db incident, working it"
            onChange={(e) => setComment(e.target.value)}
          />
        </label>
        {error ? (
          <p className="error-text small" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-foot">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={sending || comment.trim() === ''}>
            Create silence
          </button>
        </div>
      </form>
    </div>
  );
}
