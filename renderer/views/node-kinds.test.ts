/**
 * Every per-kind table of the renderer has an entry for every kind of the catalog
 * (simulator/scenario/node-kinds.ts), and nothing else. The tables are typed
 * `Record<NodeKind, ...>`, so a missing kind already fails the type check; this catches the rest
 * (an entry built at run time, a stale extra key) and checks that the metrics a card or panel
 * shows are recorded for that kind.
 */
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../simulator/engine/metric-names';
import { NODE_KINDS } from '../../simulator/scenario/node-kinds';
import { NODE_FIELDS, NODE_SCHEMAS } from './editor/fields';
import { KIND_SUBTITLES, KIND_TONES } from './editor/node-summary';
import { KIND_ICON_PATHS, KIND_NAMES } from './incident/topology/icons';
import { KIND_TIERS } from './incident/topology/layout';
import { CARD_METRICS, PANEL_METRICS } from './incident/topology/metrics';
import { nodeTypes } from './incident/topology/nodes';

const TABLES: Record<string, Readonly<Record<string, unknown>>> = {
  KIND_NAMES,
  KIND_ICON_PATHS,
  KIND_TIERS,
  KIND_SUBTITLES,
  KIND_TONES,
  CARD_METRICS,
  PANEL_METRICS,
  NODE_FIELDS,
  NODE_SCHEMAS,
  nodeTypes,
};

describe('renderer per-kind tables', () => {
  it.each(Object.keys(TABLES))('%s has an entry for every kind and nothing else', (name) => {
    const table = TABLES[name]!;
    expect(Object.keys(table).sort()).toEqual([...NODE_KINDS].sort());
    for (const kind of NODE_KINDS) expect(table[kind], `${name}.${kind}`).toBeTruthy();
  });

  it('the metrics on cards and side panels are recorded for that kind', () => {
    for (const [name, table] of Object.entries({ CARD_METRICS, PANEL_METRICS }))
      for (const kind of NODE_KINDS)
        for (const { metric } of table[kind]) {
          const def = METRICS.find((m) => m.name === metric);
          expect(def?.kinds, `${name}.${kind}: ${metric}`).toContain(kind);
        }
  });

  it('kind names and subtitles are plain text', () => {
    for (const kind of NODE_KINDS) {
      expect(KIND_NAMES[kind]).toMatch(/^[A-Z][A-Za-z ]+$/);
      expect(typeof KIND_SUBTITLES[kind]({ id: 'x', kind })).toBe('string');
    }
  });
});
