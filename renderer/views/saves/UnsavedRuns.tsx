/**
 * What the user sees of run saves that failed (renderer/stores/save-queue.ts): a "not saved yet"
 * notice with a manual retry and an export of the record, so a run is never lost in silence.
 */
import { useEffect, useState } from 'react';
import { hostApi } from '../../platform/web-api';
import { pendingSaveOf, retryPendingSaves, usePendingSaves } from '../../stores/pending-saves-store';
import type { PendingSave } from '../../stores/save-queue';
import './saves.css';

/** The record as the file storage would hold, for the user to keep or import by hand. */
async function exportRecord(save: PendingSave): Promise<string> {
  const saved = await hostApi().saveFile(save.file, `${JSON.stringify(save.record, null, 2)}\n`);
  return saved ? `Exported as ${save.file}.` : 'Export cancelled.';
}

/** What to say when the browser keeps no copy: closing or reloading the tab loses the run. */
const keptOnlyHere = (reason: string) =>
  `The run is kept only in this tab: cannot keep a copy in this browser: ${reason}; export it before closing or reloading the tab. It is retried automatically meanwhile.`;

function PendingSaveNotice({ save, title }: { save: PendingSave; title?: string }) {
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function retry() {
    setBusy(true);
    const ok = await retryPendingSaves();
    setBusy(false);
    if (!ok) setMessage('Still not saved; retrying automatically.');
  }
  async function exportIt() {
    try {
      setMessage(await exportRecord(save));
    } catch (error) {
      setMessage(`Could not export the run: ${(error as Error).message}`);
    }
  }
  return (
    <section className="unsaved-run" aria-label="Run not saved yet" data-testid="unsaved-run">
      <p>
        <strong>Not saved yet</strong>
        {title ? <> · {title}</> : null}: {save.error}{' '}
        {save.notKeptHere === undefined ? (
          <>
            The run is kept on this device and retried automatically (attempt {save.attempts + 1} next);
            export it to keep a copy.
          </>
        ) : (
          <strong className="warn-text">{keptOnlyHere(save.notKeptHere)}</strong>
        )}
      </p>
      <div className="row">
        <button className="primary" onClick={() => void retry()} disabled={busy}>
          Retry now
        </button>
        <button onClick={() => void exportIt()}>Export run JSON</button>
        {message ? (
          <span role="status" className="muted small">
            {message}
          </span>
        ) : null}
      </div>
    </section>
  );
}

/** End screen, debrief: the notice while run `runId` is not saved, then one line once it is. */
export function UnsavedRunNotice({ runId }: { runId: string | undefined }) {
  const save = usePendingSaves(pendingSaveOf(runId));
  const [wasPending, setWasPending] = useState(false);
  useEffect(() => {
    if (save) setWasPending(true);
  }, [save]);
  if (save) return <PendingSaveNotice save={save} />;
  return wasPending ? (
    <p role="status" className="ok-text small" data-testid="run-saved">
      The run is saved now.
    </p>
  ) : null;
}

/** History: every run that is not saved yet, this page's or one a previous page left behind. */
export function UnsavedRunsList() {
  const pending = usePendingSaves((s) => s.pending);
  const problems = usePendingSaves((s) => s.restoreProblems);
  return (
    <>
      {pending.map((save) => (
        <PendingSaveNotice key={save.runId} save={save} title={save.record.scenarioTitle} />
      ))}
      {problems.length ? (
        <p className="error-text small">
          Some unsaved runs kept in this browser could not be read back: {problems.join(' ')}
        </p>
      ) : null}
    </>
  );
}

/** Console status bar: a small mark while the saves of the running run fail. */
export function SaveStateIndicator({ runId }: { runId: string | undefined }) {
  const save = usePendingSaves(pendingSaveOf(runId));
  if (!save) return null;
  const reason = save.notKeptHere;
  return (
    <span
      className="warn-text"
      title={reason === undefined ? save.error : `${save.error} ${keptOnlyHere(reason)}`}
      data-testid="save-state"
    >
      {reason === undefined ? 'not saved · retrying' : 'not saved · only in this tab'}
    </span>
  );
}
