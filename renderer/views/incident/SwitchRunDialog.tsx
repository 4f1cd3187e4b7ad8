/**
 * Opening another scenario's briefing while a run is live (issue 14 item 8): the trainee decides
 * between going back to the live run and abandoning it (scored as abandoned) to open the other.
 */
export function SwitchRunDialog(props: {
  runningTitle: string;
  nextTitle: string;
  onResume: () => void;
  onAbandon: () => void;
}) {
  return (
    <div className="pad">
      <div className="switch-run" role="alertdialog" aria-labelledby="switch-run-title">
        <h2 id="switch-run-title">A run is in progress</h2>
        <p>
          <strong>{props.runningTitle}</strong> is still running. To open <strong>{props.nextTitle}</strong>,
          abandon it first: it is then scored as abandoned and cannot be resumed.
        </p>
        <div className="row-inline">
          <button className="primary" autoFocus onClick={props.onResume}>
            Back to the running incident
          </button>
          <button className="danger" onClick={props.onAbandon}>
            Abandon it and open the briefing
          </button>
        </div>
      </div>
    </div>
  );
}
