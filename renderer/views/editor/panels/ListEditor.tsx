/**
 * A list of objects in the document (alerts, faults, actions, SLOs, hints, solution steps):
 * one card per item with its fields, errors for the whole item, delete and reorder buttons,
 * and an add button.
 */
import type { ReactNode } from 'react';
import { formatPath } from '../../../../simulator/scenario/validate';
import { getIn, moveIn, pushIn, setIn, type Doc, type JsonObject, type Path } from '../doc';
import { useEditorStore } from '../editor-store';
import { Field, type InputKind } from '../Field';

export interface Column {
  /** The item's field; a dotted key (`labels.severity`) reaches into a nested object. */
  readonly key: string;
  readonly label: string;
  readonly type: InputKind;
  readonly options?: readonly string[];
  readonly placeholder?: string;
  readonly unit?: string;
  readonly required?: boolean;
  readonly help?: string;
  /** Spans the whole card width. */
  readonly wide?: boolean;
  readonly rows?: number;
}

export interface ListEditorProps {
  readonly path: Path;
  readonly columns: readonly Column[] | ((index: number) => readonly Column[]);
  readonly newItem: () => JsonObject;
  readonly addLabel: string;
  readonly title?: (index: number) => ReactNode;
  readonly extra?: (index: number) => ReactNode;
  readonly testId?: string;
  readonly empty?: string;
}

export function useListLength(path: Path): number {
  return useEditorStore((s) => {
    const v = getIn(s.doc ?? undefined, path);
    return Array.isArray(v) ? v.length : 0;
  });
}

function ItemErrors({ path }: { path: Path }) {
  const errors = useEditorStore((s) => s.validation.byPath.get(formatPath(path)));
  if (!errors) return null;
  return (
    <ul className="ed-error-list" role="alert">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export function ListEditor({
  path,
  columns,
  newItem,
  addLabel,
  title,
  extra,
  testId,
  empty,
}: ListEditorProps) {
  const length = useListLength(path);
  const listErrors = useEditorStore((s) => s.validation.byPath.get(formatPath(path)));
  const edit = useEditorStore((s) => s.edit);
  return (
    <div className="ed-list" data-testid={testId}>
      {listErrors?.map((e) => (
        <div key={e} className="ed-error" role="alert">
          {e}
        </div>
      ))}
      {length === 0 && empty && <p className="muted small">{empty}</p>}
      {Array.from({ length }, (_, i) => {
        const cols = typeof columns === 'function' ? columns(i) : columns;
        return (
          <div className="ed-card" key={i} data-testid={testId ? `${testId}-${i}` : undefined}>
            <div className="ed-card-head">
              <span className="ed-card-title">{title ? title(i) : `#${i + 1}`}</span>
              <span className="ed-card-tools">
                <button
                  type="button"
                  className="icon-button"
                  title="Move up"
                  aria-label="Move up"
                  disabled={i === 0}
                  onClick={() => edit((d) => moveIn(d, path, i, i - 1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  title="Move down"
                  aria-label="Move down"
                  disabled={i === length - 1}
                  onClick={() => edit((d) => moveIn(d, path, i, i + 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon-button danger"
                  title="Delete"
                  aria-label="Delete"
                  onClick={() => edit((d) => setIn(d, [...path, i], undefined) as Doc)}
                >
                  ×
                </button>
              </span>
            </div>
            <ItemErrors path={[...path, i]} />
            <div className="ed-grid">
              {cols.map((c) => (
                <Field
                  key={c.key}
                  path={[...path, i, ...c.key.split('.')]}
                  label={c.label}
                  type={c.type}
                  options={c.options}
                  placeholder={c.placeholder}
                  unit={c.unit}
                  required={c.required}
                  help={c.help}
                  rows={c.rows}
                  className={c.wide ? 'is-wide' : undefined}
                  testId={testId ? `${testId}-${i}-${c.key}` : undefined}
                />
              ))}
            </div>
            {extra?.(i)}
          </div>
        );
      })}
      <button
        type="button"
        className="ed-add"
        onClick={() => edit((d) => pushIn(d, path, newItem()))}
        data-testid={testId ? `${testId}-add` : undefined}
      >
        + {addLabel}
      </button>
    </div>
  );
}
