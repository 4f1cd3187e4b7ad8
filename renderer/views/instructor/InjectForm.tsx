/** The game master's fault injection: any catalog fault on any node it applies to, now or later. */
import { useMemo, useState } from 'react';
import { FAULT_CATALOG } from '../../../simulator/engine/faults';
import type { FaultType, Scenario } from '../../../simulator/scenario/schema';
import {
  defaultInjectionOwner,
  injectionEnding,
  type InjectionOwner,
} from '../../../simulator/scoring/instructor-faults';
import { clock } from '../../lib/format';
import { useIncidentStore } from '../../stores/incident-store';
import { applicableFaultTypes, defaultText, faultTargets, parseParams, parseSimTime } from './inject-model';

function defaults(type: FaultType): Record<string, string> {
  return Object.fromEntries(Object.entries(FAULT_CATALOG[type].params).map(([k, d]) => [k, defaultText(d)]));
}

export function InjectForm({ scenario }: { scenario: Scenario }) {
  const inject = useIncidentStore((s) => s.inject);
  const time = useIncidentStore((s) => s.time);
  const types = useMemo(() => applicableFaultTypes(scenario), [scenario]);
  const [type, setType] = useState<FaultType>(types[0] ?? 'latency');
  const targets = useMemo(() => faultTargets(scenario, type), [scenario, type]);
  const [target, setTarget] = useState<string>(targets[0] ?? '');
  const [raw, setRaw] = useState<Record<string, string>>(() => defaults(type));
  const [when, setWhen] = useState<'now' | 'at'>('now');
  const [atText, setAtText] = useState('');
  const [durationText, setDurationText] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  // Undefined: the fault type's default (the trainee's when an action in the catalog clears it).
  const [owner, setOwner] = useState<InjectionOwner | undefined>();
  const doc = FAULT_CATALOG[type];
  const scoredAs = owner ?? defaultInjectionOwner(type);
  const durationSeconds = durationText.trim() === '' ? undefined : parseSimTime(durationText);

  const chooseType = (next: FaultType) => {
    setType(next);
    setTarget(faultTargets(scenario, next)[0] ?? '');
    setRaw(defaults(next));
    setOwner(undefined);
    setMessage(undefined);
  };

  const submit = async () => {
    const parsed = parseParams(doc.params, raw);
    if (!parsed.ok) return setMessage({ ok: false, text: parsed.error });
    let at: number | undefined;
    if (when === 'at') {
      at = parseSimTime(atText);
      if (at === undefined)
        return setMessage({ ok: false, text: 'Write the time as mm:ss (e.g. 12:30) or 90s, 5m.' });
      if (at <= time)
        return setMessage({ ok: false, text: `T+${clock(at)} has passed; choose a later time or "now".` });
    }
    let duration: number | undefined;
    if (durationText.trim() !== '') {
      duration = parseSimTime(durationText);
      if (duration === undefined || duration <= 0)
        return setMessage({ ok: false, text: 'Write the duration as 90s, 5m or mm:ss, or leave it empty.' });
    }
    if (at !== undefined) setMessage({ ok: true, text: `Scheduled for T+${clock(at)}.` });
    const result = await inject({
      type,
      target,
      params: parsed.params,
      ...(at !== undefined ? { at } : {}),
      duration,
      scoredAs,
    });
    setMessage({ ok: result.ok, text: result.message });
  };

  return (
    <form
      className="gm-inject"
      aria-label="Inject a fault"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="gm-fields">
        <label>
          Fault
          <select aria-label="Fault" value={type} onChange={(e) => chooseType(e.target.value as FaultType)}>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Target
          <select aria-label="Target" value={target} onChange={(e) => setTarget(e.target.value)}>
            {targets.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small gm-summary">{doc.summary}</p>
      {Object.keys(doc.params).length > 0 ? (
        <div className="gm-fields">
          {Object.entries(doc.params).map(([name, p]) => (
            <label key={name} title={p.description}>
              {name}
              {p.type === 'boolean' ? (
                <select
                  aria-label={name}
                  value={raw[name] || 'false'}
                  onChange={(e) => setRaw({ ...raw, [name]: e.target.value })}
                >
                  <option value="false">false</option>
                  <option value="true">true</option>
                </select>
              ) : p.oneOf ? (
                <select
                  aria-label={name}
                  value={raw[name] ?? ''}
                  onChange={(e) => setRaw({ ...raw, [name]: e.target.value })}
                >
                  {p.oneOf.map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  aria-label={name}
                  type={p.type === 'number' ? 'number' : 'text'}
                  step="any"
                  min={p.min}
                  max={p.max}
                  placeholder="default"
                  value={raw[name] ?? ''}
                  onChange={(e) => setRaw({ ...raw, [name]: e.target.value })}
                />
              )}
              <span className="muted small">{p.description}</span>
            </label>
          ))}
        </div>
      ) : null}
      <div className="gm-fields">
        <label>
          When
          <select aria-label="When" value={when} onChange={(e) => setWhen(e.target.value as 'now' | 'at')}>
            <option value="now">now</option>
            <option value="at">at T+…</option>
          </select>
        </label>
        {when === 'at' ? (
          <label>
            Simulated time
            <input
              aria-label="Simulated time"
              placeholder="mm:ss"
              value={atText}
              onChange={(e) => setAtText(e.target.value)}
            />
          </label>
        ) : null}
        <label>
          Duration
          <input
            aria-label="Duration"
            placeholder="until fixed"
            value={durationText}
            onChange={(e) => setDurationText(e.target.value)}
          />
        </label>
      </div>
      <div className="gm-fields gm-ending">
        <p className="small" data-testid="inject-ending">
          <strong>How it ends:</strong> {injectionEnding(type, target || 'the target', durationSeconds)}.
        </p>
        <label>
          Scored as
          <select
            aria-label="Scored as"
            value={scoredAs}
            onChange={(e) => setOwner(e.target.value as InjectionOwner)}
          >
            <option value="trainee">the trainee's to fix or mitigate</option>
            <option value="instructor">the instructor's (left out of the score)</option>
          </select>
        </label>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={!target}>
          Inject
        </button>
      </div>
      {message ? (
        <p role="status" className={message.ok ? 'small ok-text' : 'small crit-text'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
