/**
 * One form field bound to a JSON path of the document: reads its value and its validation errors
 * from the editor store, writes on every change (consecutive keystrokes merge into one undo
 * step). Text the field cannot convert (e.g. "12x" in a number field) is written as-is, so the
 * validator reports it inline instead of the field silently dropping it.
 */
import { useId, useState, type ReactNode } from 'react';
import { formatPath } from '../../../simulator/scenario/validate';
import { getIn, type Json, type Path } from './doc';
import { useEditorStore } from './editor-store';

export type InputKind =
  | 'number'
  | 'integer'
  | 'ratio'
  | 'duration'
  | 'string'
  | 'text'
  | 'enum'
  | 'boolean'
  | 'ids'
  | 'nodeRef'
  | 'strings';

export interface FieldProps {
  readonly path: Path;
  readonly label: string;
  readonly type: InputKind;
  readonly unit?: string;
  readonly options?: readonly string[];
  readonly placeholder?: string;
  readonly help?: string;
  /** Required fields have no "(default)" choice in selects. */
  readonly required?: boolean;
  readonly rows?: number;
  readonly testId?: string;
  readonly extra?: ReactNode;
  readonly className?: string;
}

/** Errors at exactly this path. A stable reference from the store (or undefined). */
export function useErrorsAt(path: Path): readonly string[] | undefined {
  const key = formatPath(path);
  return useEditorStore((s) => s.validation.byPath.get(key));
}

export function toText(value: Json | undefined, type: InputKind): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => String(v)).join(type === 'strings' ? '\n' : ', ');
  return String(value);
}

/** Text -> JSON value for the document ("" removes the field). */
export function fromText(text: string, type: InputKind): Json | undefined {
  const t = text.trim();
  switch (type) {
    case 'number':
    case 'integer':
    case 'ratio': {
      if (t === '') return undefined;
      const n = Number(t);
      return Number.isFinite(n) && /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? n : t;
    }
    case 'duration': {
      if (t === '') return undefined;
      return /^\d+(\.\d+)?$/.test(t) ? Number(t) : t;
    }
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : undefined;
    case 'ids':
      return t === ''
        ? []
        : t
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    case 'strings':
      return text.split('\n').filter((s) => s.trim() !== '');
    case 'text':
      return text;
    default:
      return t === '' ? undefined : text;
  }
}

export function Field(props: FieldProps) {
  const { path, label, type, unit, options, placeholder, help, required, rows, testId, extra, className } =
    props;
  const value = useEditorStore((s) => getIn(s.doc ?? undefined, path));
  const errors = useErrorsAt(path);
  const nodeIds = useEditorStore((s) => (type === 'nodeRef' ? s.doc?.nodes : undefined));
  const id = useId();
  const [text, setText] = useState(() => toText(value, type));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // the document changed under the field (undo, rename, another panel): follow it unless the
    // text already means this value (keeps "1." while typing "1.5")
    setSeen(value);
    if (JSON.stringify(fromText(text, type)) !== JSON.stringify(value)) setText(toText(value, type));
  }
  const write = (next: string) => {
    setText(next);
    const v = fromText(next, type);
    useEditorStore.getState().set(path, v);
  };
  const invalid = errors && errors.length > 0;
  let input: ReactNode;
  if (type === 'enum' || type === 'boolean' || type === 'nodeRef') {
    const choices =
      type === 'boolean'
        ? ['true', 'false']
        : type === 'nodeRef'
          ? (Array.isArray(nodeIds) ? nodeIds : []).flatMap((n) =>
              n && typeof n === 'object' && !Array.isArray(n) && typeof n.id === 'string' ? [n.id] : [],
            )
          : (options ?? []);
    const current = toText(value, type);
    input = (
      <select
        id={id}
        value={current}
        onChange={(e) => write(e.target.value)}
        aria-invalid={invalid || undefined}
        data-testid={testId}
      >
        {(!required || current === '') && (
          <option value="">{placeholder ? `default (${placeholder})` : required ? '— choose —' : '—'}</option>
        )}
        {current !== '' && !choices.includes(current) && <option value={current}>{current}</option>}
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  } else if (type === 'text' || type === 'strings') {
    input = (
      <textarea
        id={id}
        value={text}
        rows={rows ?? 3}
        placeholder={placeholder}
        onChange={(e) => write(e.target.value)}
        aria-invalid={invalid || undefined}
        data-testid={testId}
      />
    );
  } else {
    input = (
      <input
        id={id}
        type="text"
        inputMode={type === 'number' || type === 'integer' || type === 'ratio' ? 'decimal' : undefined}
        value={text}
        placeholder={placeholder}
        onChange={(e) => write(e.target.value)}
        aria-invalid={invalid || undefined}
        spellCheck={false}
        data-testid={testId}
      />
    );
  }
  return (
    <div className={`ed-field${invalid ? ' is-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} title={help}>
        {label}
        {unit && <span className="ed-unit"> ({unit})</span>}
      </label>
      <div className="ed-input">
        {input}
        {extra}
      </div>
      {errors?.map((e) => (
        <div key={e} className="ed-error" role="alert">
          {e}
        </div>
      ))}
    </div>
  );
}
