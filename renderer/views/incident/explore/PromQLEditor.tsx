/**
 * The PromQL input: CodeMirror 6 with the Prometheus project's PromQL language
 * (@prometheus-io/codemirror-promql: highlighting, linting, and completion of functions, metric
 * names and label values from `client`). Enter runs the query, Shift+Enter adds a line, as in
 * Prometheus's own query page. The editor is created once; `value` from outside replaces its text.
 */
import { autocompletion, closeBrackets, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { PromQLExtension, type PrometheusClient } from '@prometheus-io/codemirror-promql';
import { useEffect, useRef } from 'react';

interface Props {
  readonly value: string;
  readonly client: PrometheusClient;
  readonly onChange: (value: string) => void;
  readonly onRun: (value: string) => void;
}

const theme = EditorView.theme(
  {
    '&': { backgroundColor: '#0d1117', color: '#e6edf3', fontSize: '13px', borderRadius: '6px' },
    '&.cm-focused': { outline: '1px solid #388bfd' },
    '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', padding: '8px 0' },
    '.cm-cursor': { borderLeftColor: '#e6edf3' },
    '.cm-tooltip': { backgroundColor: '#161b22', border: '1px solid #30363d' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: '#1f6feb', color: '#fff' },
    '.cm-completionDetail': { color: '#8b949e', fontStyle: 'normal', marginLeft: '8px' },
    '.cm-placeholder': { color: '#6e7681' },
  },
  { dark: true },
);

export function PromQLEditor({ value, client, onChange, onRun }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // Handlers change every render; the editor reads the latest through this ref.
  const handlers = useRef({ onChange, onRun });
  handlers.current = { onChange, onRun };

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const promql = new PromQLExtension().setComplete({ remote: client });
    const run = keymap.of([
      {
        key: 'Enter',
        run: (v) => {
          handlers.current.onRun(v.state.doc.toString());
          return true;
        },
      },
    ]);
    const editor = new EditorView({
      parent: element,
      state: EditorState.create({
        doc: value,
        extensions: [
          theme,
          history(),
          closeBrackets(),
          bracketMatching(),
          autocompletion(),
          syntaxHighlighting(defaultHighlightStyle),
          placeholder('sum by (service) (rate(http_requests_total{code="500"}[5m]))'),
          // Completion's Enter accepts a suggestion first; otherwise Enter runs the query.
          keymap.of(completionKeymap),
          run,
          keymap.of([...defaultKeymap, ...historyKeymap]),
          promql.asExtension(),
          EditorView.contentAttributes.of({ 'aria-label': 'PromQL query' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) handlers.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is built once per client; `value` is synced below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return <div className="promql-editor" ref={host} />;
}
