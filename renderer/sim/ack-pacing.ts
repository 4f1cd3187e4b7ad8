/**
 * When the UI acknowledges a snapshot (the worker sends the next one only after the ack, so it
 * never outruns what the screen can draw). A visible tab acks after the snapshot was painted. A
 * hidden tab paints nothing and gets no animation frames at all, so waiting for one would stall
 * the snapshots: an instructor who switches to another window would freeze every trainee view fed
 * by this tab while the run goes on. A hidden tab acks at once.
 */
export interface AckEnvironment {
  readonly visibilityState?: DocumentVisibilityState;
  requestAnimationFrame(callback: () => void): unknown;
  setTimeout(callback: () => void, ms: number): unknown;
}

const browser = (): AckEnvironment => ({
  visibilityState: typeof document === 'undefined' ? undefined : document.visibilityState,
  requestAnimationFrame: (callback) => requestAnimationFrame(callback),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
});

export function scheduleAck(send: () => void, env: AckEnvironment = browser()): void {
  if (env.visibilityState === 'hidden') {
    send();
    return;
  }
  // After the paint: the frame callback runs before it, the timeout after.
  env.requestAnimationFrame(() => env.setTimeout(send, 0));
}
