// @vitest-environment happy-dom
import { createRoot } from 'react-dom/client';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import Markdown from './Markdown';

describe('Markdown', () => {
  it('opens links in a new tab, never in the app’s own window, and empties unsafe ones', async () => {
    const el = document.createElement('div');
    const root = createRoot(el);
    await act(async () =>
      root.render(<Markdown>{'[runbook](https://runbooks.example/x) [bad](javascript:alert(1))'}</Markdown>),
    );
    const links = [...el.querySelectorAll('a')];
    expect(links[0]!.getAttribute('href')).toBe('https://runbooks.example/x');
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[1]!.getAttribute('href') ?? '').not.toMatch(/javascript/);
    root.unmount();
  });
});
