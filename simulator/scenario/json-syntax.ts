/**
 * The project's one JSON scanner. It locates the first syntax error with a plain reason (JSON.parse's
 * messages and positions differ between engines: V8 versions, Firefox, Safari; this gives the same
 * line and column everywhere), and on valid text it builds the value and lists the objects written
 * with a line break after `{`, which the editor's serializer keeps expanded as Prettier does.
 * Slower than JSON.parse: the validator calls it only once JSON.parse has failed, the editor once
 * per opened file.
 */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

export type JsonScan =
  | {
      readonly ok: true;
      readonly value: unknown;
      /** Non-empty objects whose source had a line break right after `{`. */
      readonly expanded: readonly object[];
    }
  | { readonly ok: false; readonly error: JsonSyntaxError };

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const scan = scanJson(text);
  return scan.ok ? undefined : scan.error;
}

/** Sets an own data property (a "__proto__" key stays data, as with JSON.parse). */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function scanJson(text: string): JsonScan {
  const expanded: object[] = [];
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw { offset: at, message } satisfies JsonSyntaxError;
  };
  /** Skips whitespace; true when it held a line break. */
  const ws = (): boolean => {
    let newline = false;
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) {
      if (text[i] === '\n') newline = true;
      i++;
    }
    return newline;
  };
  const describe = (at: number) => {
    if (at >= text.length) return 'the end of the file';
    const ch = text[at] as string;
    return ch === '\n' || ch === '\r' ? 'a line break' : `'${ch}'`;
  };
  const value = (depth: number): unknown => {
    if (depth > 512) fail('the document is nested too deeply');
    ws();
    const ch = text[i];
    if (ch === '{') return object(depth);
    if (ch === '[') return array(depth);
    if (ch === '"') return string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    for (const [word, literal] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return literal;
      }
    }
    if (ch === "'") fail('strings and names need "double quotes", not \'single quotes\'');
    if (ch === undefined) fail('the file ends where a value was expected');
    fail(`expected a value, found ${describe(i)}`);
  };
  const object = (depth: number): Record<string, unknown> => {
    i++; // {
    const obj: Record<string, unknown> = {};
    const newline = ws();
    if (text[i] === '}') {
      i++;
      return obj;
    }
    if (newline) expanded.push(obj);
    for (;;) {
      ws();
      if (text[i] === '}') fail('trailing comma before }: JSON allows none');
      if (text[i] === "'") fail('names need "double quotes", not \'single quotes\'');
      if (text[i] !== '"') fail(`expected a "name" in double quotes, found ${describe(i)}`);
      const key = string();
      ws();
      if (text[i] !== ':') fail(`expected ':' after the name, found ${describe(i)}`);
      i++;
      put(obj, key, value(depth + 1));
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return obj;
      }
      if (i >= text.length) fail("the file ends before the object is closed with '}'");
      fail(`expected ',' or '}' after a value, found ${describe(i)} (a missing comma?)`);
    }
  };
  const array = (depth: number): unknown[] => {
    i++; // [
    const arr: unknown[] = [];
    ws();
    if (text[i] === ']') {
      i++;
      return arr;
    }
    for (;;) {
      ws();
      if (text[i] === ']') fail('trailing comma before ]: JSON allows none');
      arr.push(value(depth + 1));
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return arr;
      }
      if (i >= text.length) fail("the file ends before the list is closed with ']'");
      fail(`expected ',' or ']' after a value, found ${describe(i)} (a missing comma?)`);
    }
  };
  const string = (): string => {
    const start = i;
    i++; // "
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            fail('bad \\u escape: it needs four hex digits');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next))
          fail(`bad escape '\\${next ?? ''}' in a string`);
        i += 2;
        continue;
      }
      if (ch.charCodeAt(0) < 0x20)
        fail('a string cannot span lines or contain control characters (write \\n)');
      i++;
    }
    return fail('the string that starts here is never closed', start);
  };
  const number = (): number => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === '-' || match[0] === '') fail('bad number');
    const token = (match as RegExpExecArray)[0];
    i += token.length;
    return Number(token);
  };

  try {
    const result = value(0);
    ws();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
    return { ok: true, value: result, expanded };
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error)
      return { ok: false, error: error as JsonSyntaxError };
    return { ok: false, error: { offset: 0, message: 'syntax error' } };
  }
}
