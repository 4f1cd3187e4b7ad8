import { describe, expect, it } from 'vitest';
import { csvField, metricsCsv, seriesName, type CsvSource } from './csv';

function parseCsv(text: string): string[][] {
  // A small RFC 4180 reader, to check the output round-trips.
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

const source: CsvSource = {
  series: [
    { index: 0, metric: 'request_rate', labels: { node: 'users' } },
    { index: 1, metric: 'error_ratio', labels: { node: 'checkout' } },
    // labels given in a different order than written: `node` first, then sorted
    { index: 2, metric: 'edge_error_ratio', labels: { to: 'db', node: 'checkout' } },
  ],
  values: [
    Float64Array.from([100, 100.5, 99]),
    Float64Array.from([0, 0.25, 0.5]),
    Float64Array.from([Number.NaN, Number.POSITIVE_INFINITY, 1]),
  ],
  length: 3,
  tickSeconds: 2,
};

describe('metricsCsv', () => {
  it('writes the exact RFC 4180 text: sorted columns, CRLF, empty cells for missing values', () => {
    expect(metricsCsv(source)).toBe(
      't,"edge_error_ratio{node=""checkout"",to=""db""}","error_ratio{node=""checkout""}","request_rate{node=""users""}"\r\n' +
        '0,,0,100\r\n' +
        '2,,0.25,100.5\r\n' +
        '4,1,0.5,99\r\n',
    );
  });

  it('keeps the column order whatever order the series come in', () => {
    const reversed: CsvSource = { ...source, series: [...source.series].reverse() };
    expect(metricsCsv(reversed)).toBe(metricsCsv(source));
  });

  it('starts the time column at firstTick, rounded to the millisecond', () => {
    const csv = metricsCsv({
      series: [{ index: 0, metric: 'x', labels: { node: 'n' } }],
      values: [Float64Array.from([1, -0])],
      length: 2,
      tickSeconds: 0.1,
      firstTick: 3,
    });
    expect(csv).toBe('t,"x{node=""n""}"\r\n0.3,1\r\n0.4,0\r\n');
  });

  it('round-trips through an RFC 4180 reader', () => {
    const rows = parseCsv(metricsCsv(source));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([
      't',
      'edge_error_ratio{node="checkout",to="db"}',
      'error_ratio{node="checkout"}',
      'request_rate{node="users"}',
    ]);
  });

  it('quotes fields with commas, quotes and line breaks only; escapes label values', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    const name = seriesName({ metric: 'm', labels: { node: 'a"b,c\\d' } });
    expect(name).toBe('m{node="a\\"b,c\\\\d"}');
    expect(parseCsv(`${csvField(name)}\r\n`)).toEqual([[name]]);
    expect(seriesName({ metric: 'up', labels: {} })).toBe('up');
  });

  it('has only a header for a run without ticks', () => {
    expect(
      metricsCsv({
        series: [{ index: 0, metric: 'x', labels: { node: 'n' } }],
        values: [new Float64Array(0)],
        length: 0,
        tickSeconds: 1,
      }),
    ).toBe('t,"x{node=""n""}"\r\n');
  });
});
