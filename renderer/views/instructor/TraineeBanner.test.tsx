// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { useIncidentStore } from '../../stores/incident-store';
import { render, step, type Rendered } from '../incident/topology/test-fixtures';
import { TraineeBanner } from './TraineeBanner';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  useIncidentStore.getState().reset();
});

describe('TraineeBanner', () => {
  it('says whose run this is, and that the view is frozen while the instructor console is silent', async () => {
    view = await render(<TraineeBanner />);
    expect(view.container.textContent).toContain('live from the instructor');
    await step(() => useIncidentStore.setState({ linkLost: true }));
    expect(view.container.querySelector('.trainee-banner.lost')?.textContent).toContain(
      "Lost contact with the instructor's console",
    );
    await step(() => useIncidentStore.setState({ linkLost: false }));
    expect(view.container.querySelector('.trainee-banner.lost')).toBeNull();
    expect(view.container.textContent).toContain('live from the instructor');
  });
});
