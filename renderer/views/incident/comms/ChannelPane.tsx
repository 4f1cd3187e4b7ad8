/**
 * The incident channel (Slack-like) beside the console's views: the stakeholders' messages, the
 * severity of the incident (SEV1-SEV4), status updates from editable templates, and the public
 * status page. Every post is a run step (see simulator/runs/record.ts), so the debrief, the saved
 * run and a replay include it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { clock } from '../../../lib/format';
import { useIncidentStore } from '../../../stores/incident-store';
import { statusComponents } from '../../../../simulator/comms/cast';
import { changedServices, changeFeed } from '../../../../simulator/comms/changes';
import {
  IMPACT_LABELS,
  IMPACTS,
  SEVERITIES,
  SEVERITY_DEFINITIONS,
  STATUS_PAGE_LABELS,
  STATUS_PAGE_STATES,
  type Impact,
  type StatusPageState,
} from '../../../../simulator/scenario/communication';
import {
  channelEntries,
  currentSeverity,
  pagedTeams,
  currentStatusPage,
  statusHeadline,
  statusTemplate,
  unread,
  updateTemplates,
  type ChannelEntry,
} from './channel-model';
import { useChannelUi } from './channel-ui';
import { searchRunbooks } from './runbook-search';
import { useOpenRunbook } from './use-open-runbook';
import { parseEscalationCommand, teamActions } from '../../../../simulator/commands';
import { TEAM_CATALOG, TEAMS, type Team } from '../../../../simulator/scenario/escalation';
import type { ActionResult } from '../../../../simulator/engine/api';
import Markdown from '../../shared/Markdown';
import './comms.css';

/** The toggle in the console's tab row, with the unread count. */
export function ChannelToggle() {
  const events = useIncidentStore((s) => s.events);
  const open = useChannelUi((s) => s.open);
  const seen = useChannelUi((s) => s.seen);
  const setOpen = useChannelUi((s) => s.setOpen);
  const entries = useMemo(() => channelEntries(events), [events]);
  const count = open ? 0 : unread(entries, seen);
  return (
    <button
      className={`tab channel-toggle${open ? ' active' : ''}`}
      aria-pressed={open}
      onClick={() => setOpen(!open)}
      title="# incident (stakeholders, updates, status page), # deploys (change log), runbooks"
      data-testid="channel-toggle"
    >
      Channels{count > 0 ? <span className="channel-unread">{count}</span> : null}
    </button>
  );
}

function Entry({ entry }: { entry: ChannelEntry }) {
  if (entry.kind === 'severity' || entry.kind === 'escalation') {
    return (
      <li className="channel-entry channel-system" data-kind={entry.kind}>
        <span className="mono muted small">{clock(entry.t)}</span> {entry.text}
      </li>
    );
  }
  return (
    <li className={`channel-entry channel-${entry.kind}`} data-kind={entry.kind}>
      <div className="channel-meta">
        <span className={`channel-avatar role-${entry.role ?? entry.kind}`} aria-hidden>
          {entry.author.slice(0, 1)}
        </span>
        <strong>{entry.author}</strong>
        <span className="mono muted small">{clock(entry.t)}</span>
      </div>
      {entry.kind === 'status' ? (
        <div className="channel-status-head small">{statusHeadline(entry)}</div>
      ) : null}
      <div className="channel-text">{entry.text}</div>
    </li>
  );
}

function SeverityPicker() {
  const events = useIncidentStore((s) => s.events);
  const communicate = useIncidentStore((s) => s.communicate);
  const current = currentSeverity(events);
  return (
    <div className="channel-severity" role="group" aria-label="Incident severity">
      <span className="muted small">Severity</span>
      {SEVERITIES.map((sev) => (
        <button
          key={sev}
          className={`sev-button sev-${sev}${current === sev ? ' active' : ''}`}
          title={SEVERITY_DEFINITIONS[sev]}
          aria-pressed={current === sev}
          onClick={() => void communicate({ kind: 'severity', severity: sev })}
        >
          {sev}
        </button>
      ))}
    </div>
  );
}

function UpdateComposer() {
  const scenario = useIncidentStore((s) => s.scenario);
  const communicate = useIncidentStore((s) => s.communicate);
  const templates = useMemo(() => (scenario ? updateTemplates(scenario) : []), [scenario]);
  const [text, setText] = useState('');
  const post = () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    void communicate({ kind: 'status-update', text: trimmed.slice(0, 2000) });
    setText('');
  };
  return (
    <div className="channel-composer">
      <div className="channel-templates">
        {templates.map((t) => (
          <button key={t.label} className="link small" onClick={() => setText(t.text)}>
            {t.label}
          </button>
        ))}
      </div>
      <textarea
        aria-label="Status update"
        placeholder="Post a status update to the channel (pick a template to start)"
        rows={3}
        value={text}
        maxLength={2000}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) post();
        }}
      />
      <button className="primary" onClick={post} disabled={!text.trim()}>
        Post update
      </button>
    </div>
  );
}

function StatusPageForm({ onDone }: { onDone(): void }) {
  const scenario = useIncidentStore((s) => s.scenario);
  const communicate = useIncidentStore((s) => s.communicate);
  const all = useMemo(() => (scenario ? statusComponents(scenario) : []), [scenario]);
  const [state, setState] = useState<StatusPageState>('investigating');
  const [impact, setImpact] = useState<Impact>('partial-outage');
  const [components, setComponents] = useState<string[]>(all);
  const [text, setText] = useState(() => statusTemplate('investigating', all, 'partial-outage'));
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (!edited) setText(statusTemplate(state, components, impact));
  }, [state, components, impact, edited]);
  return (
    <form
      className="status-form"
      aria-label="Publish to the status page"
      onSubmit={(e) => {
        e.preventDefault();
        void communicate({
          kind: 'status-page',
          state,
          impact: state === 'resolved' ? 'none' : impact,
          components,
          text: text.trim().slice(0, 2000),
        });
        onDone();
      }}
    >
      <div className="status-form-row">
        <label>
          State{' '}
          <select value={state} onChange={(e) => setState(e.target.value as StatusPageState)}>
            {STATUS_PAGE_STATES.map((s) => (
              <option key={s} value={s}>
                {STATUS_PAGE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Impact{' '}
          <select
            value={state === 'resolved' ? 'none' : impact}
            disabled={state === 'resolved'}
            onChange={(e) => setImpact(e.target.value as Impact)}
          >
            {IMPACTS.map((i) => (
              <option key={i} value={i}>
                {IMPACT_LABELS[i]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="status-components">
        <legend className="small muted">Components</legend>
        {all.map((c) => (
          <label key={c} className="small">
            <input
              type="checkbox"
              checked={components.includes(c)}
              onChange={(e) =>
                setComponents(e.target.checked ? [...components, c] : components.filter((x) => x !== c))
              }
            />{' '}
            {c}
          </label>
        ))}
      </fieldset>
      <textarea
        aria-label="Status page message"
        rows={2}
        value={text}
        maxLength={2000}
        onChange={(e) => {
          setEdited(true);
          setText(e.target.value);
        }}
      />
      <div className="row-inline">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Publish
        </button>
      </div>
    </form>
  );
}

/**
 * Escalation: page another team (its responder joins after the team's delay and posts what it
 * sees), then ask a paged team for an action of its domain. Both are run steps, like the typed
 * `page` and `ask` commands of the command line (simulator/commands/escalate.ts).
 */
function EscalateForm({ onDone }: { onDone(): void }) {
  const scenario = useIncidentStore((s) => s.scenario);
  const events = useIncidentStore((s) => s.events);
  const communicate = useIncidentStore((s) => s.communicate);
  const paged = useMemo(() => pagedTeams(events), [events]);
  const [team, setTeam] = useState<Team>('database');
  const [text, setText] = useState('');
  const [askTeam, setAskTeam] = useState<Team | ''>('');
  const [action, setAction] = useState('');
  const [answer, setAnswer] = useState<ActionResult>();
  const asking: Team | undefined = askTeam || paged[0];
  const options = useMemo(
    () => (scenario && asking ? teamActions(scenario, asking).map((l) => l.slice(l.indexOf(' ') + 1)) : []),
    [scenario, asking],
  );
  const page = async () => {
    setAnswer(await communicate({ kind: 'escalate', team, text: text.trim().slice(0, 2000) }));
    setText('');
  };
  const ask = async () => {
    if (!scenario || !asking) return;
    const parsed = parseEscalationCommand(`ask ${TEAM_CATALOG[asking].handle} ${action}`, scenario);
    if (!parsed.ok) {
      setAnswer({ ok: false, message: parsed.error });
      return;
    }
    setAnswer(await communicate(parsed.step));
    setAction('');
  };
  return (
    <div className="status-form escalate-form" aria-label="Escalate" data-testid="escalate-form">
      <div className="status-form-row">
        <label>
          Team{' '}
          <select value={team} onChange={(e) => setTeam(e.target.value as Team)} aria-label="Team to page">
            {TEAMS.map((t) => (
              <option key={t} value={t}>
                {TEAM_CATALOG[t].label} ({TEAM_CATALOG[t].handle})
              </option>
            ))}
          </select>
        </label>
      </div>
      <textarea
        aria-label="What you tell them"
        rows={2}
        maxLength={2000}
        placeholder="What you see and what you need, e.g. checkout errors, suspect orders-db"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="row-inline">
        <button type="button" onClick={onDone}>
          Close
        </button>
        <button type="button" className="primary" onClick={() => void page()}>
          Page
        </button>
      </div>
      {paged.length > 0 ? (
        <div className="escalate-ask">
          <label className="small">
            Ask{' '}
            <select
              value={asking}
              onChange={(e) => setAskTeam(e.target.value as Team)}
              aria-label="Team to ask"
            >
              {paged.map((t) => (
                <option key={t} value={t}>
                  {TEAM_CATALOG[t].handle}
                </option>
              ))}
            </select>
          </label>
          <input
            aria-label="Action to ask for"
            list="escalate-actions"
            placeholder={options[0] ?? 'no actions in their domain'}
            value={action}
            onChange={(e) => setAction(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void ask();
            }}
          />
          <datalist id="escalate-actions">
            {options.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
          <button type="button" onClick={() => void ask()} disabled={!action.trim()}>
            Ask
          </button>
        </div>
      ) : null}
      {answer ? (
        <div className={`small ${answer.ok ? 'ok' : 'fail'}`} role="status">
          {answer.message}
        </div>
      ) : null}
    </div>
  );
}

/** #deploys: the change log per service (simulator/comms/changes.ts). */
function DeploysChannel() {
  const events = useIncidentStore((s) => s.events);
  const scenario = useIncidentStore((s) => s.scenario);
  const feed = useMemo(() => (scenario ? changeFeed(scenario, events) : []), [scenario, events]);
  const [service, setService] = useState('');
  const shown = service ? feed.filter((e) => e.service === service) : feed;
  return (
    <div className="deploys" data-testid="deploys">
      <label className="channel-page small">
        Service{' '}
        <select value={service} onChange={(e) => setService(e.target.value)} aria-label="Service">
          <option value="">all</option>
          {changedServices(feed).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <ol className="channel-list">
        {shown.length === 0 ? (
          <li className="muted small channel-empty">No deploys or config changes yet.</li>
        ) : (
          shown.map((e, i) => (
            <li key={i} className="channel-entry" data-kind={e.kind}>
              <div className="channel-meta">
                <span className={`change-kind change-${e.kind}`}>{e.kind}</span>
                <strong>{e.service}</strong>
                <span className="mono muted small">{clock(e.t)}</span>
              </div>
              <div className="channel-text">
                {e.what}
                <div className="muted small">
                  by {e.who}
                  {e.commit ? (
                    <>
                      {' · '}
                      <code>{e.commit}</code>
                    </>
                  ) : null}
                  {e.pr ? ` · ${e.pr}` : ''}
                </div>
              </div>
            </li>
          ))
        )}
      </ol>
    </div>
  );
}

/** Runbooks: the scenario's pages, searchable; opening one is a run step. */
function RunbooksPanel() {
  const scenario = useIncidentStore((s) => s.scenario);
  const openId = useChannelUi((s) => s.runbook);
  const showRunbook = useChannelUi((s) => s.showRunbook);
  const open = useOpenRunbook();
  const [query, setQuery] = useState('');
  const pages = useMemo(() => scenario?.runbooks ?? [], [scenario]);
  const found = useMemo(() => searchRunbooks(pages, query), [pages, query]);
  const page = pages.find((p) => p.id === openId);
  if (page) {
    return (
      <div className="runbook-page" data-testid="runbook-page">
        <button className="link small" onClick={() => showRunbook(undefined)}>
          ← All runbooks
        </button>
        <h3>{page.title}</h3>
        <div className="markdown small">
          <Markdown>{page.markdown}</Markdown>
        </div>
      </div>
    );
  }
  return (
    <div className="deploys" data-testid="runbooks">
      <input
        className="runbook-search"
        type="search"
        aria-label="Search runbooks"
        placeholder="Search runbooks"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ol className="channel-list">
        {found.length === 0 ? (
          <li className="muted small channel-empty">
            {pages.length === 0 ? 'This scenario ships no runbooks.' : 'No runbook matches.'}
          </li>
        ) : (
          found.map((r) => (
            <li key={r.id} className="channel-entry">
              <button className="link" onClick={() => open(r.id)}>
                {r.title}
              </button>
              <div className="muted small">
                {[...r.alerts.map((a) => `alert ${a}`), ...r.services.map((s) => `service ${s}`)].join(' · ')}
              </div>
            </li>
          ))
        )}
      </ol>
    </div>
  );
}

export function ChannelPane() {
  const channel = useChannelUi((s) => s.channel);
  const setChannel = useChannelUi((s) => s.setChannel);
  const setOpen = useChannelUi((s) => s.setOpen);
  return (
    <aside className="channel-pane" aria-label="Incident channel" data-testid="channel-pane">
      <header className="channel-head">
        <span className="channel-switch" role="group" aria-label="Channels">
          {(['incident', 'deploys', 'runbooks'] as const).map((c) => (
            <button
              key={c}
              className={`link${channel === c ? ' active' : ''}`}
              aria-pressed={channel === c}
              onClick={() => setChannel(c)}
            >
              {c === 'runbooks' ? 'Runbooks' : `# ${c}`}
            </button>
          ))}
        </span>
        <button className="link small" onClick={() => setOpen(false)} aria-label="Close the channel">
          ✕
        </button>
      </header>
      {channel === 'incident' ? (
        <IncidentChannel />
      ) : channel === 'deploys' ? (
        <DeploysChannel />
      ) : (
        <RunbooksPanel />
      )}
    </aside>
  );
}

function IncidentChannel() {
  const events = useIncidentStore((s) => s.events);
  const markSeen = useChannelUi((s) => s.markSeen);
  const entries = useMemo(() => channelEntries(events), [events]);
  const page = currentStatusPage(entries);
  const [publishing, setPublishing] = useState(false);
  const [escalating, setEscalating] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    markSeen(entries.length);
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [entries.length, markSeen]);
  return (
    <>
      <SeverityPicker />
      <div className="channel-page small" data-testid="status-page-current">
        <span className="muted">Status page:</span>{' '}
        {page ? statusHeadline(page) : <span className="muted">nothing published</span>}{' '}
        {publishing ? null : (
          <button className="link small" onClick={() => setPublishing(true)}>
            Publish…
          </button>
        )}{' '}
        {escalating ? null : (
          <button className="link small" onClick={() => setEscalating(true)}>
            Escalate…
          </button>
        )}
      </div>
      {publishing ? <StatusPageForm onDone={() => setPublishing(false)} /> : null}
      {escalating ? <EscalateForm onDone={() => setEscalating(false)} /> : null}
      <ol className="channel-list" ref={listRef}>
        {entries.length === 0 ? (
          <li className="muted small channel-empty">
            No messages yet. Stakeholders will ask here; keep them posted.
          </li>
        ) : (
          entries.map((e, i) => <Entry key={i} entry={e} />)
        )}
      </ol>
      <UpdateComposer />
    </>
  );
}
