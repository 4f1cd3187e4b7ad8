/**
 * The change log: a deploy and config-change feed per service, as engineers read it in Argo CD or
 * a #deploys channel, so "what changed?" can be answered from the console. It is read off the
 * run's visible events: the engine's `deploy` events (a scenario's bad-deploy fault going out, a
 * rollback) and the trainee's own accepted `action`s (scale, timeouts, limits, restarts ...). The
 * scenario may annotate its deploys (`communication.deploys`: who, commit message, PR) so the feed
 * reads like a real one; otherwise they come from the deploy pipeline with a release message.
 * Pure and deterministic.
 */
import type { SimEvent } from '../engine/api';
import type { Scenario } from '../scenario/schema';
import { communicationOf } from './cast';

export interface ChangeEntry {
  readonly t: number;
  readonly service: string;
  readonly kind: 'deploy' | 'rollback' | 'config';
  /** Who made it: an author, the pipeline, or "you". */
  readonly who: string;
  readonly what: string;
  /** Deploys: the commit (short hash and message) and the PR link text. */
  readonly commit?: string;
  readonly pr?: string;
}

/** A short, stable commit hash for a deploy without one (FNV-1a 32 of service and version). */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0').slice(0, 7);
}

const DEPLOYED = /^Deployed (\S+) (\S+) \(was (\S+)\)$/;

export function changeFeed(scenario: Scenario, events: readonly SimEvent[]): ChangeEntry[] {
  const annotations = communicationOf(scenario).deploys;
  const out: ChangeEntry[] = [];
  for (const e of events) {
    if (e.hidden) continue;
    const service = e.node ?? (typeof e.data?.target === 'string' ? e.data.target : '');
    if (e.kind === 'deploy') {
      const deployed = DEPLOYED.exec(e.text);
      if (!deployed) {
        out.push({ t: e.t, service, kind: 'rollback', who: 'you', what: e.text });
        continue;
      }
      const [, node, version, previous] = deployed as unknown as [string, string, string, string];
      const note = annotations.find(
        (d) => d.node === node && (d.version === undefined || d.version === version),
      );
      out.push({
        t: e.t,
        service: node,
        kind: 'deploy',
        who: note?.author ?? 'deploy-pipeline',
        what: `${version} (was ${previous})`,
        commit: `${note?.commit ?? shortHash(`${node}@${version}`)} ${note?.message ?? `Release ${version}`}`,
        ...(note?.pr ? { pr: note.pr } : {}),
      });
    } else if (e.kind === 'action' && e.data?.ok !== false) {
      const type = typeof e.data?.type === 'string' ? e.data.type : 'action';
      out.push({
        t: e.t,
        service,
        kind: type === 'rollback' ? 'rollback' : 'config',
        who: 'you',
        what: e.text,
      });
    }
  }
  return out;
}

/** The services with at least one change, in first-change order. */
export function changedServices(entries: readonly ChangeEntry[]): string[] {
  return [...new Set(entries.map((e) => e.service))];
}
