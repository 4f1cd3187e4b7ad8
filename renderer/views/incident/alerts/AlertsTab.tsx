/**
 * Alert rules with their state and runbooks; Alertmanager's side: its notification groups, the
 * chat and email notifications in a channel-like feed, and silences (create one from a firing
 * alert or a group).
 */
import { useMemo, useState } from 'react';
import { SilenceDialog, type SilenceDialogProps } from './SilenceDialog';
import { groupMatchers, notificationGroups, ruleMatchers, silenceViews } from './alertmanager-model';
import Markdown from '../../shared/Markdown';
import { alertUnit } from '../../../../simulator/alerting/describe';
import { scenarioAlerts } from '../../../../simulator/alerting/rules';
import { clock, metricValue } from '../../../lib/format';
import { useIncidentStore } from '../../../stores/incident-store';
import { runbookOfAlert } from '../comms/runbook-links';
import { useOpenRunbook } from '../comms/use-open-runbook';

/** The notification's text without its leading [FIRING:n]/[RESOLVED]: the badge beside it already says so. */
const withoutState = (text: string) => text.replace(/^\[(FIRING(:\d+)?|RESOLVED)\]\s+/, '');
/** `alerting.route.routes[0]:{service="api"}` as "route 1 {service="api"}" (the root: "root route"). */
const groupTitle = (key: string) =>
  key
    .replace(/^alerting\.route\.routes\[(\d+)\]:/, (_, i: string) => `route ${Number(i) + 1} `)
    .replace(/^alerting\.route:/, 'root route ')
    .replace(/ \{\}$/, '');
const firingCount = (e: { data?: Readonly<Record<string, unknown>> }) => Number(e.data?.firing ?? 0);

export function AlertsTab() {
  const scenario = useIncidentStore((s) => s.scenario);
  const openRunbook = useOpenRunbook();
  const alerts = useIncidentStore((s) => s.alerts);
  const events = useIncidentStore((s) => s.events);
  const pages = useIncidentStore((s) => s.pages);
  const acknowledge = useIncidentStore((s) => s.acknowledge);
  const time = useIncidentStore((s) => s.time);
  const [selected, setSelected] = useState<string | undefined>();
  const [silencing, setSilencing] = useState<Omit<SilenceDialogProps, 'onClose'> | undefined>();

  const groups = useMemo(() => notificationGroups(events), [events]);
  const silences = useMemo(() => silenceViews(events, time), [events, time]);
  // Alertmanager's chat and email notifications: one line per grouped notification.
  const chat = useMemo(
    () => events.filter((e) => e.kind === 'notification' && e.data?.receiver !== 'page'),
    [events],
  );
  if (!scenario) return null;
  const rules = scenarioAlerts(scenario);
  const def = rules.find((a) => a.name === (selected ?? alerts.find((a) => a.status === 'firing')?.name));
  // A runbook_url (or an alert name) that matches a page the scenario ships opens it in the side panel.
  const page = def ? runbookOfAlert(scenario.runbooks ?? [], def) : undefined;

  return (
    <div className="alerts-tab">
      <section className="alerts-rules">
        <h2>Alert rules</h2>
        <table className="table">
          <thead>
            <tr>
              <th>State</th>
              <th>Severity</th>
              <th>Alert</th>
              <th>Route</th>
              <th>Value</th>
              <th>Since</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => {
              const state = alerts.find((a) => a.name === rule.name);
              const status = state?.status ?? 'inactive';
              const muted =
                status === 'firing'
                  ? state?.silencedBy
                    ? 'silenced'
                    : state?.inhibited
                      ? 'inhibited'
                      : undefined
                  : undefined;
              const page = pages.find((p) => p.name === rule.name && p.acknowledgedAt === undefined);
              return (
                <tr
                  key={rule.name}
                  className={rule.name === def?.name ? 'selected' : ''}
                  onClick={() => setSelected(rule.name)}
                >
                  <td>
                    <span className={`state state-${status}`}>{status}</span>
                    {muted ? (
                      <span className={`state state-muted`} title={state?.silencedBy ?? 'inhibited'}>
                        {' '}
                        {muted}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <span className={`sev sev-${rule.severity}`}>{rule.severity}</span>
                  </td>
                  <td>
                    <div>{rule.name}</div>
                    <code className="muted small">{rule.expr}</code>
                  </td>
                  <td>{rule.route}</td>
                  <td>
                    {state && status !== 'inactive' ? metricValue(state.value, alertUnit(rule.expr)) : '–'}
                  </td>
                  <td>{state && status !== 'inactive' ? clock(state.since) : '–'}</td>
                  <td>
                    <div className="alert-buttons">
                      {page ? (
                        <button className="primary" onClick={() => acknowledge(rule.name)}>
                          Ack
                        </button>
                      ) : null}
                      {status !== 'inactive' && !state?.silencedBy ? (
                        <button
                          onClick={(e) => {
                            e.stopPropagation();
                            setSilencing({ subject: rule.name, matchers: ruleMatchers(rule) });
                          }}
                        >
                          Silence
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h2>Notification groups</h2>
        {groups.length === 0 ? (
          <p className="muted small">Alertmanager has not notified anyone yet.</p>
        ) : (
          <ul className="am-groups">
            {groups.map((g) => (
              <li key={g.key} className="am-group" data-testid="am-group">
                <span className={firingCount(g.last) > 0 ? 'state state-firing' : 'state state-inactive'}>
                  {firingCount(g.last) > 0 ? `firing ${firingCount(g.last)}` : 'resolved'}
                </span>{' '}
                <strong>{g.receiver}</strong> <code className="small">{groupTitle(g.key)}</code>
                <div className="small">{g.firing.join(', ') || withoutState(g.last.text)}</div>
                <div className="muted small">
                  last notified {clock(g.last.t)} ({String(g.last.data?.reason ?? '')}), {g.notifications}{' '}
                  notification{g.notifications === 1 ? '' : 's'}
                  {firingCount(g.last) > 0 ? (
                    <button
                      className="link"
                      onClick={() =>
                        setSilencing({ subject: `the ${g.receiver} group`, matchers: groupMatchers(g) })
                      }
                    >
                      Silence group
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        <h2>Silences</h2>
        {silences.length === 0 ? (
          <p className="muted small">No silences.</p>
        ) : (
          <ul className="am-silences">
            {silences.map((s) => (
              <li key={s.id} data-testid="am-silence">
                <span className={s.active ? 'state state-pending' : 'state state-inactive'}>
                  {s.active ? 'active' : 'expired'}
                </span>{' '}
                <code className="small">{s.matchers.join(', ')}</code>
                <div className="small">{s.comment}</div>
                <div className="muted small">
                  {s.createdBy} at {clock(s.startsAt)}, until {clock(s.endsAt)}
                  {s.silenced.length ? ` · muted ${s.silenced.join(', ')}` : ''}
                </div>
              </li>
            ))}
          </ul>
        )}
        <h2>Chat channel #alerts</h2>
        <ul className="chat">
          {chat.length === 0 ? <li className="muted">Quiet so far.</li> : null}
          {chat.map((e, i) => (
            <li key={i} className={firingCount(e) > 0 ? 'firing' : 'resolved'}>
              <span className="muted small">{clock(e.t)}</span> <strong>alertmanager</strong>{' '}
              <span className={firingCount(e) > 0 ? 'state state-firing' : 'state state-inactive'}>
                {firingCount(e) > 0 ? `firing ${firingCount(e)}` : 'resolved'}
              </span>{' '}
              {withoutState(e.text)}
              {e.data?.receiver === 'email' ? <span className="muted small"> (email)</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <aside className="runbook">
        <h2>Runbook</h2>
        {def ? (
          <>
            <h3>{def.name}</h3>
            {def.summary ? <p className="muted">{def.summary}</p> : null}
            <div className="markdown">
              <Markdown>{def.runbook || '_No runbook for this alert._'}</Markdown>
              {page ? (
                <button
                  type="button"
                  className="link"
                  data-testid="alert-runbook-link"
                  onClick={() => openRunbook(page.id)}
                >
                  Runbook: {page.title}
                </button>
              ) : def.runbookUrl ? (
                <Markdown>{`[Team runbook](<${def.runbookUrl}>)`}</Markdown>
              ) : null}
            </div>
          </>
        ) : (
          <p className="muted">Select an alert to read its runbook.</p>
        )}
      </aside>
      {silencing ? <SilenceDialog {...silencing} onClose={() => setSilencing(undefined)} /> : null}
    </div>
  );
}
