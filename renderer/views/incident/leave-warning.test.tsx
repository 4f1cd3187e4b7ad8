// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { useLeaveWarning } from './leave-warning';

function Probe({ active }: { active: boolean }) {
  useLeaveWarning(active);
  return null;
}

const leave = () => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
};

describe('leaving a running incident', () => {
  it('asks first while the incident runs, and not before or after', async () => {
    const root = createRoot(document.createElement('div'));
    await act(async () => root.render(<Probe active={false} />));
    expect(leave()).toBe(false);
    await act(async () => root.render(<Probe active />));
    expect(leave()).toBe(true);
    await act(async () => root.render(<Probe active={false} />));
    expect(leave()).toBe(false);
    root.unmount();
  });
});
