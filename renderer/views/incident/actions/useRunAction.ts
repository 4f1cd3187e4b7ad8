/**
 * Runs an offered action with the console's rules: destructive ones need a confirmation first;
 * the engine's answer (when it takes effect, or why it cannot) is kept for display.
 */
import { useCallback, useState } from 'react';
import type { ActionCommand, ActionResult } from '../../../../simulator/engine/api';
import { ACTION_CATALOG } from '../../../../simulator/engine/actions';
import { useIncidentStore } from '../../../stores/incident-store';

export function isDestructive(command: ActionCommand): boolean {
  return ACTION_CATALOG[command.type]?.destructive ?? false;
}

export function useRunAction() {
  const act = useIncidentStore((s) => s.act);
  const [confirming, setConfirming] = useState<ActionCommand | undefined>();
  const [result, setResult] = useState<ActionResult | undefined>();

  const run = useCallback(
    async (command: ActionCommand, confirmed = false) => {
      if (isDestructive(command) && !confirmed) {
        setConfirming(command);
        return;
      }
      setConfirming(undefined);
      setResult(await act(command));
    },
    [act],
  );
  return {
    run,
    confirming,
    cancel: () => setConfirming(undefined),
    result,
    clearResult: () => setResult(undefined),
  };
}
