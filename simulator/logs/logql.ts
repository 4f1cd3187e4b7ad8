/**
 * A LogQL subset (Grafana Loki's query language) over the run's log lines: a stream selector,
 * then a pipeline.
 *
 *   {service="checkout", level=~"warn|error"} |= "timeout" != "health" |~ "5\\d\\d" !~ "(?i)dns"
 *   {service="orders"} | logfmt | status >= 500 | duration_ms > 100ms | upstream = "pricing"
 *
 * Streams carry two labels, `service` (the node writing the line) and `level`. Line filters
 * (|= != |~ !~) match the message, as Loki matches the line; `|~` is unanchored, a selector's
 * `=~` anchored, both JavaScript regular expressions (RE2 syntax mostly carries over; a leading
 * `(?i)` is read as the i flag). `| logfmt` and `| json` extract the line's structured fields
 * (LogLine.fields plus msg and request_id, what the logfmt / JSON lines export writes), after
 * which label filters compare them: numbers with == != > >= < <= (a duration like 250ms or 2s
 * reads as milliseconds), strings with = != =~ !~. A bad query is one message naming the column.
 * Pure; allocation only when compiling.
 */
import type { LogLine } from '../engine/api';

export const STREAM_LABELS = ['service', 'level'] as const;

export interface LogqlError {
  readonly error: string;
  /** 1-based column of the problem. */
  readonly column: number;
}

export interface LogqlQuery {
  readonly matches: (line: LogLine) => boolean;
  /** The line filters' strings (|= only), for highlighting. */
  readonly needles: readonly string[];
}

type Token =
  | { k: 'punct'; v: string; at: number }
  | { k: 'ident'; v: string; at: number }
  | { k: 'string'; v: string; at: number }
  | { k: 'number'; v: number; unit: string; at: number }
  | { k: 'end'; at: number };

const PUNCT = ['|=', '|~', '!=', '!~', '=~', '==', '>=', '<=', '{', '}', ',', '|', '=', '>', '<'];

class Fail extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      const start = i++;
      let v = '';
      while (i < src.length && src[i] !== c) {
        if (c === '"' && src[i] === '\\' && i + 1 < src.length) {
          const n = src[i + 1]!;
          v += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          i += 2;
        } else v += src[i++];
      }
      if (i >= src.length) throw new Fail(`unterminated string (opened with ${c})`, start);
      i++;
      out.push({ k: 'string', v, at: start });
      continue;
    }
    const num = /^-?\d+(?:\.\d+)?(ms|s|m|h)?(?![\w.])/.exec(src.slice(i));
    if (num) {
      out.push({ k: 'number', v: Number.parseFloat(num[0]), unit: num[1] ?? '', at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][\w.]*/.exec(src.slice(i));
    if (id) {
      out.push({ k: 'ident', v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    const p = PUNCT.find((x) => src.startsWith(x, i));
    if (!p) throw new Fail(`unexpected "${c}"`, i);
    out.push({ k: 'punct', v: p, at: i });
    i += p.length;
  }
  out.push({ k: 'end', at: src.length });
  return out;
}

function regex(source: string, at: number, anchored: boolean): RegExp {
  let flags = '';
  let body = source;
  if (body.startsWith('(?i)')) {
    flags = 'i';
    body = body.slice(4);
  }
  try {
    return new RegExp(anchored ? `^(?:${body})$` : body, flags);
  } catch (e) {
    throw new Fail(
      `invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`,
      at,
    );
  }
}

const describe = (t: Token) =>
  t.k === 'end'
    ? 'the end of the query'
    : t.k === 'string'
      ? `"${t.v}"`
      : t.k === 'number'
        ? `${t.v}${t.unit}`
        : `"${t.v}"`;

type Labels = Record<string, string | number | undefined>;
type Test = (line: LogLine, labels: Labels) => boolean;

const DURATION_MS: Readonly<Record<string, number>> = { '': 1, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a LogQL query; a mistake is a message with its 1-based column. */
export function parseLogql(src: string): LogqlQuery | LogqlError {
  try {
    return compile(src);
  } catch (e) {
    if (e instanceof Fail) return { error: `${e.message} at column ${e.at + 1}`, column: e.at + 1 };
    throw e;
  }
}

function compile(src: string): LogqlQuery {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p]!;
  const next = () => tokens[p++]!;
  const expect = (k: Token['k'], v: string | undefined, what: string): Token => {
    const t = next();
    if (t.k !== k || (v !== undefined && (t as { v: unknown }).v !== v))
      throw new Fail(`expected ${what}, found ${describe(t)}`, t.at);
    return t;
  };

  // Stream selector.
  if (peek().k === 'end')
    throw new Fail('a query starts with a stream selector such as {service="checkout"}', 0);
  expect('punct', '{', 'a stream selector such as {service="checkout"}');
  const tests: Test[] = [];
  let matchers = 0;
  while (!(peek().k === 'punct' && (peek() as { v: string }).v === '}')) {
    if (matchers > 0) expect('punct', ',', '"," or "}"');
    const name = expect('ident', undefined, 'a label name (service or level)') as { v: string; at: number };
    if (!(STREAM_LABELS as readonly string[]).includes(name.v))
      throw new Fail(
        `unknown stream label "${name.v}": streams have ${STREAM_LABELS.join(' and ')}`,
        name.at,
      );
    const op = next();
    if (op.k !== 'punct' || !['=', '!=', '=~', '!~'].includes(op.v))
      throw new Fail(`expected =, !=, =~ or !~ after ${name.v}, found ${describe(op)}`, op.at);
    const value = expect('string', undefined, `a quoted value after ${name.v}${op.v}`) as {
      v: string;
      at: number;
    };
    tests.push(labelTest(name.v, op.v, value.v, value.at));
    matchers++;
  }
  next();
  if (matchers === 0)
    throw new Fail(
      'a stream selector needs at least one matcher, e.g. {service="checkout"}',
      tokens[p - 1]!.at,
    );

  // Pipeline.
  const needles: string[] = [];
  let parsed = false;
  while (peek().k !== 'end') {
    const t = next();
    if (t.k !== 'punct')
      throw new Fail(`expected a pipeline stage (|=, !=, |~, !~ or |), found ${describe(t)}`, t.at);
    if (t.v === '|=' || t.v === '!=' || t.v === '|~' || t.v === '!~') {
      const s = expect('string', undefined, `a quoted string after ${t.v}`) as { v: string; at: number };
      if (t.v === '|=') {
        needles.push(s.v);
        tests.push((l) => l.message.includes(s.v));
      } else if (t.v === '!=') tests.push((l) => !l.message.includes(s.v));
      else {
        const re = regex(s.v, s.at, false);
        const want = t.v === '|~';
        tests.push((l) => re.test(l.message) === want);
      }
      continue;
    }
    if (t.v !== '|') throw new Fail(`expected a pipeline stage (|=, !=, |~, !~ or |), found "${t.v}"`, t.at);
    const stage = next();
    if (stage.k === 'ident' && (stage.v === 'logfmt' || stage.v === 'json')) {
      parsed = true;
      continue;
    }
    if (stage.k !== 'ident')
      throw new Fail(`expected logfmt, json or a label filter after "|", found ${describe(stage)}`, stage.at);
    if (!parsed && !(STREAM_LABELS as readonly string[]).includes(stage.v))
      throw new Fail(
        `"${stage.v}" is not a label yet: add | logfmt or | json before filtering on a field`,
        stage.at,
      );
    tests.push(labelFilter(stage.v, next(), next()));
  }

  return {
    needles,
    matches: (line) => {
      const labels: Labels = { service: line.node, level: line.level };
      if (parsed) {
        labels.msg = line.message;
        if (line.requestId) labels.request_id = line.requestId;
        if (line.fields) Object.assign(labels, line.fields);
      }
      for (const test of tests) if (!test(line, labels)) return false;
      return true;
    },
  };
}

function labelTest(name: string, op: string, value: string, at: number): Test {
  if (op === '=') return (_, l) => String(l[name] ?? '') === value;
  if (op === '!=') return (_, l) => String(l[name] ?? '') !== value;
  const re = regex(value, at, true);
  const want = op === '=~';
  return (_, l) => re.test(String(l[name] ?? '')) === want;
}

/** A label filter stage: `name op value`. */
function labelFilter(name: string, op: Token, value: Token): Test {
  if (op.k !== 'punct' || !['=', '==', '!=', '>', '>=', '<', '<=', '=~', '!~'].includes(op.v))
    throw new Fail(
      `expected a comparison (= != > >= < <= =~ !~) after ${name}, found ${describe(op)}`,
      op.at,
    );
  if (value.k === 'string') {
    if (['>', '>=', '<', '<='].includes(op.v))
      throw new Fail(`${op.v} compares numbers: write ${name} ${op.v} 500, not a string`, value.at);
    return labelTest(name, op.v === '==' ? '=' : op.v, value.v, value.at);
  }
  if (value.k !== 'number')
    throw new Fail(
      `expected a number or a quoted string after ${name} ${op.v}, found ${describe(value)}`,
      value.at,
    );
  if (op.v === '=~' || op.v === '!~')
    throw new Fail(`${op.v} matches a regular expression: write ${name} ${op.v} "…"`, value.at);
  const want = value.v * (DURATION_MS[value.unit] ?? 1);
  const cmp = op.v;
  return (_, l) => {
    const raw = l[name];
    const v = typeof raw === 'number' ? raw : raw === undefined ? NaN : Number(raw);
    if (Number.isNaN(v)) return false;
    switch (cmp) {
      case '>':
        return v > want;
      case '>=':
        return v >= want;
      case '<':
        return v < want;
      case '<=':
        return v <= want;
      case '!=':
        return v !== want;
      default:
        return v === want;
    }
  };
}
