import { describe, expect, it } from 'vitest';
import { scheduleAck, type AckEnvironment } from './ack-pacing';

/** An environment whose frames and timeouts run only when the test says so. */
function fakeEnv(visibilityState: DocumentVisibilityState | undefined) {
  const frames: (() => void)[] = [];
  const timeouts: (() => void)[] = [];
  const env: AckEnvironment = {
    visibilityState,
    requestAnimationFrame: (cb) => frames.push(cb),
    setTimeout: (cb) => timeouts.push(cb),
  };
  return { env, frames, timeouts };
}

describe('scheduleAck', () => {
  it('acks a visible tab only after the next frame has been painted', () => {
    const { env, frames, timeouts } = fakeEnv('visible');
    let acks = 0;
    scheduleAck(() => acks++, env);
    expect(acks).toBe(0);
    frames.shift()!();
    expect(acks).toBe(0); // the frame callback runs before the paint
    timeouts.shift()!();
    expect(acks).toBe(1);
  });

  it('acks a hidden tab at once: it gets no frames, and waiting would freeze the trainee views it feeds', () => {
    const { env, frames, timeouts } = fakeEnv('hidden');
    let acks = 0;
    scheduleAck(() => acks++, env);
    expect(acks).toBe(1);
    expect(frames).toHaveLength(0);
    expect(timeouts).toHaveLength(0);
  });

  it('treats an environment without a document (tests, workers) as visible', () => {
    const { env, frames } = fakeEnv(undefined);
    let acks = 0;
    scheduleAck(() => acks++, env);
    expect(acks).toBe(0);
    expect(frames).toHaveLength(1);
  });
});
