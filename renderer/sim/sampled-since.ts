/**
 * What a snapshot has already carried of the sampled logs and traces. A tick's lines are stamped
 * with the tick's own time, which is the simulation's time before the step; after the step the
 * simulation's time is one tick later. So a snapshot posted at `time` has carried every line up
 * to `time - tickSeconds`, and the next one asks for what is newer than that (asking for what is
 * newer than `time` dropped the next tick's lines: at 1x, every line).
 */
export function sampledUpTo(time: number, tickSeconds: number): number {
  return time - tickSeconds;
}
