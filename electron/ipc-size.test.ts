import { describe, expect, it } from 'vitest';
import { utf8Bytes } from './ipc-size';

describe('utf8Bytes', () => {
  it('counts as Buffer.byteLength does, surrogate pairs and lone surrogates included', () => {
    for (const text of [
      '',
      'abc',
      'é',
      '€',
      '😀',
      'a😀b',
      '\ud800',
      '\udc00x',
      'x\ud83d',
      '\u07ff\u0800\uffff',
    ]) {
      expect(utf8Bytes(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });
});
