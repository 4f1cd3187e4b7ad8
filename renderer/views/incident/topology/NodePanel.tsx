/**
 * Side panel for one node: health, key metrics with sparklines (last 5 minutes), the alerts
 * firing on it, every catalog action on it and its calls (destructive ones confirm first, the
 * engine's answer shown inline) and its recent logs. Reusable outside the topology.
 */
import { useMemo, useState } from 'react';
import type { ActionResult } from '../../../../simulator/engine/api';
import { commandEntries, liveTopology, type CommandEntry } from '../../../../simulator/commands';
import { clock } from '../../../lib/format';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { phrase } from '../actions/phrase';
import { KIND_NAMES, KindIcon } from './icons';
import { alertMapFor, formatMetric, liveNodeAt, nodeCapacity, nodeHealth } from './live';
import { healthSeries, PANEL_METRICS, describeNode } from './metrics';
import { needsConfirmation, actionsForNode } from './node-actions';
import { sparkFloor, sparkPath } from './sparkline';
import { metricDef } from '../../../../simulator/engine/metric-names';
import { runbooksOfService } from '../comms/runbook-links';
import { useOpenRunbook } from '../comms/use-open-runbook';
import './topology.css';

export interface NodePanelProps {
  readonly nodeId: string;
  /** Shows a close button when given. */
  readonly onClose?: () => void;
}

const SPARK_SECONDS = 300;
const SPARK_W = 112;
const SPARK_H = 26;
const LOG_LINES = 20;
const HEALTH_TEXT = { ok: 'Healthy', warn: 'Degraded', crit: 'Critical', unknown: 'No data' } as const;

export function NodePanel({ nodeId, onClose }: NodePanelProps) {
  const scenario = useIncidentStore((s) => s.scenario);
  const node = useMemo(() => scenario?.nodes.find((n) => n.id === nodeId), [scenario, nodeId]);
  if (!scenario || !node) {
    return (
      <aside className="node-panel" aria-label="Node details">
        <p className="muted">Unknown node “{nodeId}”.</p>
      </aside>
    );
  }
  return (
    <aside className="node-panel" aria-label={`${node.label ?? node.id} details`} data-testid="node-panel">
      <header className="node-panel-head">
        <span className="topo-node-icon">
          <KindIcon kind={node.kind} size={18} />
        </span>
        <div className="node-panel-title">
          <h3>{node.label ?? node.id}</h3>
          <NodeSummary nodeId={node.id} />
        </div>
        {onClose && (
          <button type="button" className="node-panel-close" onClick={onClose} aria-label="Close panel">
            ×
          </button>
        )}
      </header>
      <NodeStatus nodeId={node.id} />
      <NodeRunbooks nodeId={node.id} />
      <NodeMetrics nodeId={node.id} />
      {/* keyed: another node starts with no pending confirmation or result */}
      <NodeActions key={node.id} nodeId={node.id} />
      <NodeLogs nodeId={node.id} />
    </aside>
  );
}

/** The scenario's runbook pages for this service: each opens in the Runbooks side panel. */
function NodeRunbooks({ nodeId }: { nodeId: string }) {
  const scenario = useIncidentStore((s) => s.scenario);
  const open = useOpenRunbook();
  const pages = useMemo(() => runbooksOfService(scenario?.runbooks ?? [], nodeId), [scenario, nodeId]);
  if (pages.length === 0) return null;
  return (
    <section className="node-panel-section node-runbooks" data-testid="node-runbooks">
      <h4>Runbooks</h4>
      <ul>
        {pages.map((p) => (
          <li key={p.id}>
            <button type="button" className="link" onClick={() => open(p.id)}>
              {p.title}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Kind and facts, from the engine's live state (version after a deploy, replicas, limits, probe). */
function NodeSummary({ nodeId }: { nodeId: string }) {
  const scenario = useIncidentStore((s) => s.scenario);
  const index = useMemo(() => scenario?.nodes.findIndex((n) => n.id === nodeId) ?? -1, [scenario, nodeId]);
  const node = scenario?.nodes[index];
  const summary = useIncidentStore((s) =>
    node ? describeNode(node, liveNodeAt(s.liveNodes, index, nodeId)) : '',
  );
  if (!node) return null;
  return (
    <div className="muted small" data-testid="node-summary">
      {KIND_NAMES[node.kind]} · {summary}
    </div>
  );
}

function NodeStatus({ nodeId }: { nodeId: string }) {
  const scenario = useIncidentStore((s) => s.scenario);
  const buffer = useIncidentStore((s) => s.buffer);
  const index = useMemo(() => scenario?.nodes.findIndex((n) => n.id === nodeId) ?? -1, [scenario, nodeId]);
  const node = scenario?.nodes[index];
  const hs = useMemo(
    () => (buffer && node ? healthSeries((m, id) => buffer.find(m, id), node) : undefined),
    [buffer, node],
  );
  const health = useIncidentStore((s) =>
    s.buffer && hs && scenario
      ? nodeHealth(
          s.buffer,
          hs,
          nodeId,
          s.alerts,
          alertMapFor(scenario),
          nodeCapacity(hs, liveNodeAt(s.liveNodes, index, nodeId)),
        )
      : 'unknown',
  );
  const alerts = useIncidentStore((s) => s.alerts);
  const firing = useMemo(() => {
    if (!scenario) return [];
    const map = alertMapFor(scenario);
    return alerts.filter((a) => a.status === 'firing' && map.get(a.name)?.includes(nodeId));
  }, [alerts, scenario, nodeId]);
  return (
    <section className="node-panel-section">
      <span className={`health-badge health-${health}`}>{HEALTH_TEXT[health]}</span>
      {firing.map((a) => (
        <div key={a.name} className={`node-alert sev-${a.severity}`}>
          <strong>{a.severity}</strong> {a.name}{' '}
          <span className="node-alert-since">since {clock(a.since)}</span>
        </div>
      ))}
    </section>
  );
}

function NodeMetrics({ nodeId }: { nodeId: string }) {
  const scenario = useIncidentStore((s) => s.scenario);
  const buffer = useIncidentStore((s) => s.buffer);
  const version = useIncidentStore((s) => s.version);
  const time = useIncidentStore((s) => s.time);
  const node = useMemo(() => scenario?.nodes.find((n) => n.id === nodeId), [scenario, nodeId]);
  const rows = useMemo(() => {
    if (!buffer || !node) return [];
    return PANEL_METRICS[node.kind]
      .map((m) => ({ ...m, index: buffer.find(m.metric, node.id) }))
      .filter((m) => m.index >= 0);
  }, [buffer, node]);
  const drawn = useMemo(() => {
    if (!buffer) return [];
    return rows.map((r) => {
      const points = buffer.window(r.index, Math.max(0, time - SPARK_SECONDS), time, 60);
      return {
        ...r,
        value: formatMetric(r.metric, buffer.latest(r.index)),
        path: sparkPath(points, SPARK_W, SPARK_H, sparkFloor(metricDef(r.metric)?.unit)),
      };
    });
    // `version` tells when the mutable buffer changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, buffer, time, version]);
  if (drawn.length === 0) return null;
  return (
    <section className="node-panel-section">
      <h4>Metrics · last 5 min</h4>
      <table className="node-metrics">
        <tbody>
          {drawn.map((r) => (
            <tr key={r.metric}>
              <th scope="row">{r.title}</th>
              <td className="node-metric-value">{r.value}</td>
              <td>
                <svg width={SPARK_W} height={SPARK_H} className="sparkline" aria-hidden="true">
                  <path d={r.path} />
                </svg>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type ActionState = { phase: 'confirm' } | { phase: 'pending' } | { phase: 'done'; result: ActionResult };

/**
 * Every catalog action on this node and its calls (the same list as the command palette, never
 * the scenario's). One without values runs from here (destructive ones confirm first); one that
 * takes values (replicas, a size, a timeout) opens the palette with its command to edit.
 */
function NodeActions({ nodeId }: { nodeId: string }) {
  // The live system's values (liveTopology), as the palette proposes them.
  const topo = useIncidentStore((s) => (s.scenario ? liveTopology(s.scenario, s.liveNodes) : undefined));
  const { own, calls } = useMemo(
    () => actionsForNode(topo ? commandEntries(topo) : [], nodeId),
    [topo, nodeId],
  );
  const [states, setStates] = useState<Record<string, ActionState>>({});
  if (own.length === 0 && calls.length === 0) {
    return (
      <section className="node-panel-section">
        <h4>Actions</h4>
        <p className="muted small">No action applies to this node.</p>
      </section>
    );
  }
  const set = (key: string, state: ActionState | undefined) =>
    setStates((s) => {
      const next = { ...s };
      if (state) next[key] = state;
      else delete next[key];
      return next;
    });
  const run = async (key: string, e: CommandEntry) => {
    set(key, { phase: 'pending' });
    const result = await useIncidentStore.getState().act(e.command);
    set(key, { phase: 'done', result });
  };
  const button = (e: CommandEntry) => {
    const key = e.line;
    const state = states[key];
    const { type, target } = e.command;
    const label = `${phrase(type, target, e.command.params)}${e.hasParams ? '…' : ''}`;
    const destructive = needsConfirmation(type);
    return (
      <li key={key}>
        {state?.phase === 'confirm' ? (
          <div className="node-action-confirm" role="group" aria-label={`Confirm ${label}`}>
            <code>{e.line}</code>
            <button type="button" className="danger" onClick={() => void run(key, e)} autoFocus>
              Confirm
            </button>
            <button type="button" onClick={() => set(key, undefined)}>
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="button"
            className={`node-action${destructive ? ' danger' : ''}`}
            disabled={state?.phase === 'pending'}
            onClick={() =>
              e.hasParams
                ? useConsoleUi.getState().openPalette(e.line)
                : destructive
                  ? set(key, { phase: 'confirm' })
                  : void run(key, e)
            }
            title={e.hasParams ? `Opens the command palette with: ${e.line}` : e.line}
          >
            {label}
          </button>
        )}
        {state?.phase === 'done' && (
          <div className={`node-action-result ${state.result.ok ? 'ok' : 'error'}`} role="status">
            {state.result.message}
            {state.result.ok && state.result.effectiveAt !== undefined && (
              <span className="muted"> (effective at {clock(state.result.effectiveAt)})</span>
            )}
          </div>
        )}
      </li>
    );
  };
  return (
    <section className="node-panel-section">
      <h4>Actions</h4>
      <ul className="node-actions">{own.map(button)}</ul>
      {calls.map((c) => (
        <details key={c.target} className="node-call-actions">
          <summary className="small">Call {c.target}</summary>
          <ul className="node-actions">{c.entries.map(button)}</ul>
        </details>
      ))}
    </section>
  );
}

function NodeLogs({ nodeId }: { nodeId: string }) {
  const logs = useIncidentStore((s) => s.logs);
  const recent = useMemo(() => {
    const out = [];
    for (let i = logs.length - 1; i >= 0 && out.length < LOG_LINES; i--) {
      const line = logs[i];
      if (line && line.node === nodeId) out.push(line);
    }
    return out; // newest first
  }, [logs, nodeId]);
  const openLogs = () => {
    const ui = useConsoleUi.getState();
    ui.setLogQuery({ node: nodeId });
    ui.setTab('logs');
  };
  return (
    <section className="node-panel-section">
      <div className="node-panel-row">
        <h4>Recent logs · newest first</h4>
        <button type="button" className="link-button" onClick={openLogs}>
          Open in Logs →
        </button>
      </div>
      {recent.length === 0 ? (
        <p className="muted small">No log lines from this node yet.</p>
      ) : (
        <ol className="node-logs">
          {recent.map((l, i) => (
            <li key={`${l.t}:${i}`} className={`lvl-${l.level}`}>
              <span className="log-time">{clock(l.t)}</span> <span className="log-level">{l.level}</span>{' '}
              {l.message}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
