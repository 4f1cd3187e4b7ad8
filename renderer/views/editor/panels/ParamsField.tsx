/**
 * A fault's or action's params as real fields, one per parameter of the catalog entry: numbers
 * as number fields, `oneOf` strings and booleans as selects with the default named, each with its
 * own inline error from the validator (the path `faults[0].params.factor`). A parameter the
 * catalog does not know (a typo, another type's parameter after the type changed) keeps its own
 * field with the validator's "has no parameter" message until it is cleared: nothing is dropped.
 */
import type { ParamDoc } from '../../../../simulator/engine/catalog-types';
import { getIn, isObject, type Path } from '../doc';
import { useEditorStore } from '../editor-store';
import { Field, useErrorsAt, type InputKind } from '../Field';

function kindOf(doc: ParamDoc): InputKind {
  if (doc.type === 'boolean') return 'boolean';
  if (doc.oneOf) return 'enum';
  return doc.type === 'number' ? 'number' : 'string';
}

/** What the empty field means: the default, or that the parameter is required. */
function placeholderOf(doc: ParamDoc, kind: InputKind): string | undefined {
  if (doc.default === undefined) return doc.required ? 'required' : undefined;
  // Selects print "default (X)" themselves; text fields need the word.
  return kind === 'enum' || kind === 'boolean' ? String(doc.default) : `default ${String(doc.default)}`;
}

function rangeOf(doc: ParamDoc): string | undefined {
  if (doc.min !== undefined && doc.max !== undefined) return `${doc.min} to ${doc.max}`;
  if (doc.min !== undefined) return `≥ ${doc.min}`;
  if (doc.max !== undefined) return `≤ ${doc.max}`;
  return undefined;
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
  const errors = useErrorsAt(path);
  const entries = Object.entries(docs ?? {});
  const unknown = isObject(value) ? Object.keys(value).filter((k) => !docs || !(k in docs)) : [];
  return (
    <fieldset className="ed-group ed-params" data-testid={testId}>
      <legend>Params</legend>
      {entries.length === 0 && unknown.length === 0 && <p className="muted small">Takes no parameters.</p>}
      <div className="ed-grid">
        {entries.map(([name, doc]) => {
          const kind = kindOf(doc);
          return (
            <Field
              key={name}
              path={[...path, name]}
              label={name}
              type={kind}
              options={doc.oneOf}
              placeholder={placeholderOf(doc, kind)}
              unit={rangeOf(doc)}
              required={doc.required}
              help={doc.description}
              testId={testId ? `${testId}-${name}` : undefined}
            />
          );
        })}
        {unknown.map((name) => (
          <Field
            key={name}
            path={[...path, name]}
            label={name}
            type="string"
            help="Not a parameter of this type: clear the field to remove it."
            testId={testId ? `${testId}-${name}` : undefined}
          />
        ))}
      </div>
      {errors?.map((e) => (
        <div key={e} className="ed-error" role="alert">
          {e}
        </div>
      ))}
      {entries.length > 0 && (
        <ul className="ed-param-docs">
          {entries.map(([k, d]) => (
            <li key={k}>
              <code>{k}</code> <span className="muted">{d.description}</span>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
