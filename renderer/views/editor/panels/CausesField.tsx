/**
 * rootCause.causes in the editor: which entries of the one cause taxonomy count as the right
 * diagnosis, as checkboxes grouped like the trainee's declare dialog.
 */
import { CAUSE_GROUPS, CAUSES } from '../../../../simulator/scenario/causes';
import { getIn } from '../doc';
import { useEditorStore } from '../editor-store';
import { useErrorsAt } from '../Field';

const PATH = ['rootCause', 'causes'] as const;

export function CausesField() {
  const value = useEditorStore((s) => getIn(s.doc ?? undefined, [...PATH]));
  const errors = useErrorsAt([...PATH]);
  const chosen = new Set(Array.isArray(value) ? value.map(String) : []);
  const toggle = (id: string, on: boolean) => {
    const next = CAUSES.map((c) => c.id).filter((c) => (c === id ? on : chosen.has(c)));
    useEditorStore.getState().set([...PATH], next);
  };
  return (
    <fieldset
      className={`ed-field is-wide ed-causes${errors?.length ? ' is-invalid' : ''}`}
      data-testid="rc-causes"
    >
      <legend>Accepted causes (the trainee chooses from this same list in every scenario)</legend>
      {CAUSE_GROUPS.map((group) => (
        <div key={group} className="ed-cause-group">
          <span className="muted small">{group}</span>
          {CAUSES.filter((c) => c.group === group).map((c) => (
            <label key={c.id} title={c.means}>
              <input
                type="checkbox"
                checked={chosen.has(c.id)}
                onChange={(e) => toggle(c.id, e.target.checked)}
              />
              {c.label}
            </label>
          ))}
        </div>
      ))}
      {errors?.map((e) => (
        <div key={e} className="ed-error" role="alert">
          {e}
        </div>
      ))}
    </fieldset>
  );
}
