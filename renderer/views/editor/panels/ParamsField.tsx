/**
 * A fault's or action's params as "name=value, name=value" text, with the catalog's parameter
 * docs (type, default, range) listed under it. Numbers and true/false are typed; the rest are
 * strings. Text that does not parse stays in the field with a message and is not written.
 */
import { useState } from 'react';
import type { ParamDoc } from '../../../../simulator/engine/catalog-types';
import { formatPath } from '../../../../simulator/scenario/validate';
import { getIn, isObject, type Json, type JsonObject, type Path } from '../doc';
import { useEditorStore } from '../editor-store';

export function paramsToText(value: Json | undefined): string {
  if (!isObject(value)) return '';
  return Object.entries(value)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

export function parseParams(text: string): JsonObject | string {
  const out: JsonObject = {};
  for (const part of text.split(',')) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq <= 0) return `"${p}" is not name=value`;
    const k = p.slice(0, eq).trim();
    const raw = p.slice(eq + 1).trim();
    out[k] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw !== '' && Number.isFinite(Number(raw))
            ? Number(raw)
            : raw.replace(/^"(.*)"$/, '$1');
  }
  return out;
}

export function ParamsField({
  path,
  docs,
  testId,
}: {
  path: Path;
  docs: Readonly<Record<string, ParamDoc>> | undefined;
  testId?: string;
}) {
  const value = useEditorStore((s) => getIn(s.doc ?? undefined, path));
  const errors = useEditorStore((s) => s.validation.byPath.get(formatPath(path)));
  const [text, setText] = useState(() => paramsToText(value));
  const [seen, setSeen] = useState(value);
  const [problem, setProblem] = useState<string>();
  if (seen !== value) {
    setSeen(value);
    const parsed = parseParams(text);
    if (typeof parsed === 'string' || JSON.stringify(parsed) !== JSON.stringify(value ?? {}))
      setText(paramsToText(value));
  }
  const write = (next: string) => {
    setText(next);
    const parsed = parseParams(next);
    if (typeof parsed === 'string') return setProblem(parsed);
    setProblem(undefined);
    useEditorStore.getState().set(path, Object.keys(parsed).length ? parsed : undefined);
  };
  const entries = Object.entries(docs ?? {});
  return (
    <div className={`ed-field is-wide${problem || errors ? ' is-invalid' : ''}`}>
      <label>Params</label>
      <div className="ed-input">
        <input
          value={text}
          spellCheck={false}
          placeholder={entries.length ? entries.map(([k]) => `${k}=…`).join(', ') : 'takes no parameters'}
          onChange={(e) => write(e.target.value)}
          data-testid={testId}
        />
      </div>
      {problem && <div className="ed-error">{problem}</div>}
      {errors?.map((e) => (
        <div key={e} className="ed-error" role="alert">
          {e}
        </div>
      ))}
      {entries.length > 0 && (
        <ul className="ed-param-docs">
          {entries.map(([k, d]) => (
            <li key={k}>
              <code>{k}</code> <span className="muted">({d.type}</span>
              {d.default !== undefined && <span className="muted">, default {String(d.default)}</span>}
              {d.min !== undefined && <span className="muted">, ≥ {d.min}</span>}
              {d.max !== undefined && <span className="muted">, ≤ {d.max}</span>}
              {d.oneOf && <span className="muted">, one of {d.oneOf.join(' | ')}</span>}
              {d.required && <span className="muted">, required</span>}
              <span className="muted">)</span> {d.description}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
