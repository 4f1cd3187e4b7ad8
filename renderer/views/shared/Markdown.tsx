/**
 * Markdown as every view renders it (briefings, runbooks, explanations): react-markdown's defaults
 * (raw HTML escaped, unsafe URLs emptied), and links that open outside the app, so following a
 * runbook link never navigates away from a running incident (in Electron the window guard hands
 * them to the system browser).
 */
import type { AnchorHTMLAttributes } from 'react';
import ReactMarkdown from 'react-markdown';

function ExternalLink({
  node: _node,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & { node?: unknown }) {
  return <a {...props} target="_blank" rel="noopener noreferrer" />;
}

const components = { a: ExternalLink };

export default function Markdown({ children }: { children: string }) {
  return <ReactMarkdown components={components}>{children}</ReactMarkdown>;
}
