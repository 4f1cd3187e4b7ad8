/** UI-only state of the incident channel pane: open or not, and how many entries were seen. */
import { create } from 'zustand';

export type Channel = 'incident' | 'deploys' | 'runbooks';

interface ChannelUi {
  open: boolean;
  channel: Channel;
  setChannel(channel: Channel): void;
  /** Channel entries the trainee has seen (the unread badge counts stakeholder messages after). */
  seen: number;
  /** The runbook page shown in the Runbooks panel (undefined: the list). */
  runbook?: string;
  /** Opens the pane on a runbook page (from an alert's or a service's link). */
  showRunbook(id: string | undefined): void;
  setOpen(open: boolean): void;
  markSeen(count: number): void;
  reset(): void;
}

export const useChannelUi = create<ChannelUi>((set) => ({
  open: false,
  channel: 'incident',
  seen: 0,
  setOpen: (open) => set({ open }),
  setChannel: (channel) => set({ channel }),
  showRunbook: (runbook) =>
    set(runbook === undefined ? { runbook } : { runbook, open: true, channel: 'runbooks' }),
  markSeen: (seen) => set((s) => (s.seen === seen ? s : { seen })),
  reset: () => set({ open: false, channel: 'incident', seen: 0, runbook: undefined }),
}));
