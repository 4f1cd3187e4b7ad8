/** Number and time formats the score's details share (score.ts, communication.ts). */

/** One decimal place, as points are shown. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A moment of the run as every view shows it: T+mm:ss (T+h:mm:ss past an hour). */
export function at(seconds: number): string {
  const t = Math.max(0, Math.floor(seconds));
  const h = Math.floor(t / 3600);
  const mm = String(Math.floor((t % 3600) / 60)).padStart(2, '0');
  const ss = String(t % 60).padStart(2, '0');
  return h > 0 ? `T+${h}:${mm}:${ss}` : `T+${mm}:${ss}`;
}
