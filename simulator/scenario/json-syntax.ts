/**
 * Locates the first JSON syntax error in a text, with a plain reason. JSON.parse's messages and
 * positions differ between engines (V8 versions, Firefox, Safari); this scanner gives the same
 * line and column everywhere. Only called once JSON.parse has failed.
 */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw { offset: at, message } satisfies JsonSyntaxError;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const describe = (at: number) => {
    if (at >= text.length) return 'the end of the file';
    const ch = text[at] as string;
    return ch === '\n' || ch === '\r' ? 'a line break' : `'${ch}'`;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('the document is nested too deeply');
    ws();
    const ch = text[i];
    if (ch === '{') return object(depth);
    if (ch === '[') return array(depth);
    if (ch === '"') return string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (ch === "'") fail('strings and names need "double quotes", not \'single quotes\'');
    if (ch === undefined) fail('the file ends where a value was expected');
    fail(`expected a value, found ${describe(i)}`);
  };
  const object = (depth: number) => {
    i++; // {
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === '}') fail('trailing comma before }: JSON allows none');
      if (text[i] === "'") fail('names need "double quotes", not \'single quotes\'');
      if (text[i] !== '"') fail(`expected a "name" in double quotes, found ${describe(i)}`);
      string();
      ws();
      if (text[i] !== ':') fail(`expected ':' after the name, found ${describe(i)}`);
      i++;
      value(depth + 1);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      if (i >= text.length) fail("the file ends before the object is closed with '}'");
      fail(`expected ',' or '}' after a value, found ${describe(i)} (a missing comma?)`);
    }
  };
  const array = (depth: number) => {
    i++; // [
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === ']') fail('trailing comma before ]: JSON allows none');
      value(depth + 1);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      if (i >= text.length) fail("the file ends before the list is closed with ']'");
      fail(`expected ',' or ']' after a value, found ${describe(i)} (a missing comma?)`);
    }
  };
  const string = () => {
    const start = i;
    i++; // "
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return;
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
    fail('the string that starts here is never closed', start);
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === '-' || match[0] === '') fail('bad number');
    i += (match as RegExpExecArray)[0].length;
  };

  try {
    value(0);
    ws();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
    return undefined;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error) return error as JsonSyntaxError;
    return { offset: 0, message: 'syntax error' };
  }
}
