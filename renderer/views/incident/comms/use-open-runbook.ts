/**
 * Opens a runbook page in the channel pane's Runbooks panel: from the panel's list, an alert's
 * runbook link or a service's. Opening a page that is not already shown is a `runbook` run step,
 * so the debrief lists what was read and when.
 */
import { useCallback } from 'react';
import { useIncidentStore } from '../../../stores/incident-store';
import { useChannelUi } from './channel-ui';

export function useOpenRunbook(): (id: string) => void {
  const communicate = useIncidentStore((s) => s.communicate);
  return useCallback(
    (id: string) => {
      const ui = useChannelUi.getState();
      const shown = ui.open && ui.channel === 'runbooks' && ui.runbook === id;
      if (!shown) void communicate({ kind: 'runbook', page: id });
      ui.showRunbook(id);
    },
    [communicate],
  );
}
