import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize';

describe('tokenize', () => {
  it('splits on whitespace and keeps quoted text together', () => {
    expect(tokenize(`psql -c "select * from pg_stat_activity"  'a b'`)).toEqual({
      ok: true,
      words: ['psql', '-c', 'select * from pg_stat_activity', 'a b'],
    });
  });
  it('joins quoted and unquoted parts of one word and honours escapes', () => {
    expect(tokenize(`--limits=memory="2 Gi" a\\ b "x\\"y"`)).toEqual({
      ok: true,
      words: ['--limits=memory=2 Gi', 'a b', 'x"y'],
    });
  });
  it('keeps an empty quoted word', () => {
    expect(tokenize(`echo ''`)).toEqual({ ok: true, words: ['echo', ''] });
  });
  it('reports unmatched quotes instead of guessing', () => {
    expect(tokenize(`echo "abc`).ok).toBe(false);
    expect(tokenize(`echo 'abc`).ok).toBe(false);
  });
});
