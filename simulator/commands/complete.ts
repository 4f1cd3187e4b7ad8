/**
 * Completion of action commands: the tools, their subcommands, node names as each tool writes
 * them (deploy/NAME, -h NAME, config/CALLER/CALLEE/...), flags and values. It completes the last
 * word of the line against the commands commandEntries() lists for this system (the same lines
 * the palette shows), so completion never offers a command the parser would refuse.
 */
import { tokenize } from '../shell/tokenize';
import { commandEntries, type CommandTopology, shellQuote } from './syntax';

/** Index of the start of the word being typed: after the last whitespace outside quotes. */
function lastWordStart(line: string): number {
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (/\s/.test(c)) start = i + 1;
  }
  return start;
}

const wordsCache = new WeakMap<CommandTopology, readonly (readonly string[])[]>();

/** The words of every listed command, split once per system. */
function wordsOf(topo: CommandTopology): readonly (readonly string[])[] {
  let words = wordsCache.get(topo);
  if (!words) {
    words = commandEntries(topo).map((e) => {
      // Most lines have no quotes: single spaces separate their words.
      if (!/['"\\]/.test(e.line)) return e.line.split(' ');
      const t = tokenize(e.line);
      return t.ok ? t.words : [];
    });
    wordsCache.set(topo, words);
  }
  return words;
}

/**
 * Full lines that complete `line`: each is the line with its last word completed (a finished
 * word gets a trailing space, a flag waiting for its value ends in "="). In the order the
 * commands are listed (by node, then catalog order), without repeats.
 */
export function completeActionCommand(line: string, topo: CommandTopology, limit = 50): string[] {
  const start = lastWordStart(line);
  const head = line.slice(0, start);
  const partial = line.slice(start);
  const done = tokenize(head);
  if (!done.ok) return [];
  const typed = done.words;
  const out = new Set<string>();
  for (const words of wordsOf(topo)) {
    if (words.length <= typed.length) continue;
    if (!typed.every((w, i) => w === words[i])) continue;
    const next = words[typed.length]!;
    const last = typed.length === words.length - 1;
    // The shortest stop past what is typed: "config/" completes to "config/orders/", not deeper.
    const candidate = stops(next).find((c) => {
      const quoted = shellQuote(c);
      return (quoted.startsWith(partial) || c.startsWith(partial)) && quoted !== partial && c !== partial;
    });
    if (candidate !== undefined) {
      const whole = candidate === next;
      out.add(`${head}${shellQuote(candidate)}${whole && !last ? ' ' : ''}`);
    }
    if (out.size >= limit) break;
  }
  return [...out];
}

/**
 * The places a word may stop before it is whole: a flag before its value ("--replicas="), a
 * resource before its name ("deploy/"), a config path at each level; then the whole word.
 */
function stops(word: string): string[] {
  const out: string[] = [];
  const eq = word.indexOf('=');
  if (word.startsWith('--') && eq > 0) out.push(word.slice(0, eq + 1));
  else if (word.includes('/') && !word.startsWith('{')) {
    for (let i = word.indexOf('/'); i > 0 && i < word.length - 1; i = word.indexOf('/', i + 1))
      out.push(word.slice(0, i + 1));
  }
  out.push(word);
  return out;
}
