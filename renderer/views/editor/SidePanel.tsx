/**
 * The selected node's or edge's parameters, generated from the field tables (fields.ts): the
 * schema default as placeholder, the unit beside the label, the description on hover, and the
 * validator's errors for that node or edge inline.
 */
import { useState } from 'react';
import { formatPath } from '../../../simulator/scenario/validate';
import type { NodeKind } from '../../../simulator/scenario/schema';
import { KIND_NAMES, KindIcon } from '../incident/topology/icons';
import { deleteEdges, deleteNodes, isObject, nodeIds, nodeIndex, renameNode, type Path } from './doc';
import { useEditorStore } from './editor-store';
import { Field, type InputKind } from './Field';
import {
  EDGE_FIELDS,
  EDGE_SCHEMA,
  fieldInfo,
  formatDefault,
  GROUP_SCHEMAS,
  NODE_FIELDS,
  NODE_SCHEMAS,
  type FieldSpec,
} from './fields';
import { StagesEditor } from './panels/TrafficPanel';

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function FieldRows({
  base,
  fields,
  schema,
}: {
  base: Path;
  fields: readonly FieldSpec[];
  schema: (typeof NODE_SCHEMAS)[NodeKind];
}) {
  return (
    <>
      {fields.map((spec) => {
        if (spec.type === 'group') return <GroupRows key={spec.key} base={base} spec={spec} />;
        const info = fieldInfo(schema, spec.key);
        return (
          <Field
            key={spec.key}
            path={[...base, spec.key]}
            label={spec.label}
            type={spec.type as InputKind}
            unit={spec.unit ?? (spec.type === 'duration' ? 'e.g. 30s, 250ms' : undefined)}
            options={info.options}
            placeholder={formatDefault(info.default, spec.type)}
            help={info.description}
            testId={`field-${spec.key}`}
          />
        );
      })}
    </>
  );
}

/** A nested optional object (sidecar, autoscaler, circuit breaker): add / remove, then fields. */
function GroupRows({ base, spec }: { base: Path; spec: FieldSpec }) {
  const path = [...base, spec.key];
  const present = useEditorStore((s) => {
    let cur: unknown = s.doc;
    for (const k of path)
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
    return cur !== undefined;
  });
  const schema = GROUP_SCHEMAS[spec.key];
  const set = useEditorStore((s) => s.set);
  const errors = useEditorStore((s) => s.validation.byPath.get(formatPath(path)));
  const toggle = () =>
    set(path, present ? undefined : spec.key === 'autoscaler' ? { metric: 'cpu', target: 0.7 } : {}, false);
  if (!present)
    return (
      <div className="ed-group-off">
        <span>{spec.label}</span>
        <button type="button" className="small-button" onClick={toggle} data-testid={`add-${spec.key}`}>
          + Add
        </button>
      </div>
    );
  return (
    <fieldset className="ed-group">
      <legend>
        {spec.label}{' '}
        <button type="button" className="link-button" onClick={toggle}>
          remove
        </button>
      </legend>
      {errors?.map((e) => (
        <div key={e} className="ed-error">
          {e}
        </div>
      ))}
      {schema && (
        <div className="ed-grid">
          <FieldRows base={path} fields={spec.fields ?? []} schema={schema} />
        </div>
      )}
    </fieldset>
  );
}

/** Errors under `prefix` that no field shows (e.g. a whole node's or a reference's). */
function OtherErrors({ prefix, shown }: { prefix: string; shown: readonly string[] }) {
  const byPath = useEditorStore((s) => s.validation.byPath);
  const rest: string[] = [];
  for (const [p, messages] of byPath) {
    if (p !== prefix && !p.startsWith(`${prefix}.`) && !p.startsWith(`${prefix}[`)) continue;
    const leaf = p.slice(prefix.length + 1);
    if (p !== prefix && shown.includes(leaf.split(/[.[]/)[0] ?? '')) continue;
    for (const m of messages) rest.push(p === prefix ? m : `${leaf}: ${m}`);
  }
  if (rest.length === 0) return null;
  return (
    <ul className="ed-error-list" role="alert">
      {rest.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

function RenameId({ id }: { id: string }) {
  const [text, setText] = useState(id);
  const [seen, setSeen] = useState(id);
  if (seen !== id) {
    setSeen(id);
    setText(id);
  }
  const doc = useEditorStore((s) => s.doc);
  const taken = doc ? nodeIds(doc).filter((n) => n !== id) : [];
  const problem =
    text === id
      ? undefined
      : !ID_RE.test(text) || text.length > 64
        ? 'must start with a letter or digit and use only letters, digits, - _ .'
        : taken.includes(text)
          ? `another node is already called "${text}"`
          : undefined;
  const commit = () => {
    if (text === id || problem) return;
    const store = useEditorStore.getState();
    store.edit((d) => renameNode(d, id, text));
    store.select({ kind: 'node', id: text });
  };
  return (
    <div className={`ed-field${problem ? ' is-invalid' : ''}`}>
      <label htmlFor="ed-node-id" title="Renaming updates edges, faults, alerts, actions and objectives.">
        Id
      </label>
      <div className="ed-input">
        <input
          id="ed-node-id"
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setText(id);
          }}
          data-testid="node-id"
        />
        <button type="button" onClick={commit} disabled={text === id || !!problem}>
          Rename
        </button>
      </div>
      {problem && <div className="ed-error">{problem}</div>}
    </div>
  );
}

export function NodeEditor({ id }: { id: string }) {
  const index = useEditorStore((s) => (s.doc ? nodeIndex(s.doc, id) : -1));
  const kind = useEditorStore((s) => {
    const n = s.doc && Array.isArray(s.doc.nodes) ? s.doc.nodes[index] : undefined;
    return isObject(n) ? String(n.kind) : '';
  }) as NodeKind;
  if (index < 0 || !(kind in NODE_FIELDS)) return <p className="muted pad-s">Select a node or an edge.</p>;
  const base: Path = ['nodes', index];
  const fields = NODE_FIELDS[kind];
  const remove = () => {
    const store = useEditorStore.getState();
    store.edit((d) => deleteNodes(d, [id]));
    store.select(null);
  };
  return (
    <section className="ed-side" aria-label={`Node ${id}`} data-testid="node-editor">
      <header className="ed-side-head">
        <span className="ed-node-icon">
          <KindIcon kind={kind} size={18} />
        </span>
        <h3>{id}</h3>
        <span className="muted small">{KIND_NAMES[kind]}</span>
        <button type="button" className="danger small-button" onClick={remove}>
          Delete
        </button>
      </header>
      <OtherErrors prefix={formatPath(base)} shown={[...fields.map((f) => f.key), 'id']} />
      <RenameId id={id} />
      <div className="ed-grid">
        <FieldRows base={base} fields={fields} schema={NODE_SCHEMAS[kind]} />
      </div>
      {kind === 'client' && (
        <>
          <h4 className="ed-subhead">Traffic stages</h4>
          <StagesEditor nodeIndex={index} />
        </>
      )}
    </section>
  );
}

export function EdgeEditor({ index }: { index: number }) {
  const from = useEditorStore((s) => {
    const e = Array.isArray(s.doc?.edges) ? s.doc.edges[index] : undefined;
    return isObject(e) ? String(e.from) : undefined;
  });
  const to = useEditorStore((s) => {
    const e = Array.isArray(s.doc?.edges) ? s.doc.edges[index] : undefined;
    return isObject(e) ? String(e.to) : undefined;
  });
  if (from === undefined) return <p className="muted pad-s">Select a node or an edge.</p>;
  const base: Path = ['edges', index];
  const remove = () => {
    const store = useEditorStore.getState();
    store.edit((d) => deleteEdges(d, [index]));
    store.select(null);
  };
  return (
    <section className="ed-side" aria-label={`Edge ${from} to ${to}`} data-testid="edge-editor">
      <header className="ed-side-head">
        <h3>
          {from} → {to}
        </h3>
        <button type="button" className="danger small-button" onClick={remove}>
          Delete
        </button>
      </header>
      <OtherErrors prefix={formatPath(base)} shown={EDGE_FIELDS.map((f) => f.key)} />
      <div className="ed-grid">
        <FieldRows base={base} fields={EDGE_FIELDS} schema={EDGE_SCHEMA} />
      </div>
    </section>
  );
}
