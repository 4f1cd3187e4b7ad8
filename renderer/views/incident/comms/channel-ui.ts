/** UI-only state of the incident channel pane: open or not, and how many entries were seen. */
import { create } from 'zustand';

export type Channel = 'incident' | 'deploys' | 'runbooks';

interface ChannelUi {
  open: boolean;
  channel: Channel;
  setChannel(channel: Channel): void;
  /** Channel entries the trainee has seen (the unread badge counts stakeholder messages after). */
  seen: number;
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
  markSeen: (seen) => set((s) => (s.seen === seen ? s : { seen })),
  reset: () => set({ open: false, channel: 'incident', seen: 0 }),
}));
