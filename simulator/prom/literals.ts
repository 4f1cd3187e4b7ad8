/** PromQL literals as Prometheus reads them: Go string quoting, durations, numbers, Go regexps. */

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

/** Milliseconds of a Prometheus duration (`5m`, `1h30m`, `500ms`), or undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const m = DURATION_RE.exec(text);
  if (!m || text === '') return undefined;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) if (m[i + 1] !== undefined) ms += Number(m[i + 1]) * UNIT_MS[i]!;
  return ms;
}

/** A PromQL number literal (decimal, hex, Inf, NaN); undefined if the text is not one. */
export function parseNumber(text: string): number | undefined {
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'inf' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (lower === 'nan' || lower === '-nan') return NaN;
  if (/^-?0x[0-9a-f]+$/.test(lower)) return lower.startsWith('-') ? -Number(lower.slice(1)) : Number(lower);
  if (!/^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/.test(lower)) return undefined;
  return Number(lower);
}

/** Go's strconv.ParseFloat for label values such as `le="+Inf"`; undefined for text it refuses. */
export const parseGoFloat = parseNumber;

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** The value of a quoted PromQL string (Go's strconv.Unquote rules; backticks are raw). */
export function unquote(text: string): string | { error: string } {
  const quote = text[0];
  if (text.length < 2 || text[text.length - 1] !== quote) return { error: 'unterminated quoted string' };
  const body = text.slice(1, -1);
  if (quote === '`') return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return { error: 'unterminated escape sequence' };
    if (SIMPLE_ESCAPES[e] !== undefined) {
      if ((e === "'" && quote === '"') || (e === '"' && quote === "'"))
        return { error: `unknown escape sequence \\${e}` };
      out += SIMPLE_ESCAPES[e];
      continue;
    }
    const hexLength = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = body.slice(i + 1, i + 1 + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex))
        return { error: `invalid escape sequence \\${e}${hex}` };
      out += String.fromCodePoint(parseInt(hex, 16));
      i += hexLength;
      continue;
    }
    if (/[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) return { error: `invalid escape sequence \\${oct}` };
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
      continue;
    }
    return { error: `unknown escape sequence \\${e}` };
  }
  return out;
}

/**
 * A Go (RE2) regexp anchored as Prometheus anchors label matchers and label_replace:
 * `^(?:re)$`. A leading `(?i)`/`(?s)` flag group becomes the JavaScript flag.
 */
export function compileAnchored(source: string): RegExp | { error: string } {
  let flags = '';
  let body = source;
  const flagGroup = /^\(\?([is]+)\)/.exec(body);
  if (flagGroup) {
    flags = flagGroup[1]!;
    body = body.slice(flagGroup[0].length);
  }
  try {
    return new RegExp(`^(?:${body})$`, flags);
  } catch (e) {
    return { error: `invalid regular expression ${JSON.stringify(source)}: ${(e as Error).message}` };
  }
}

export const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
