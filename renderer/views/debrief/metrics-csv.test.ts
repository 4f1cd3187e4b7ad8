import { describe, expect, it } from 'vitest';
import { MetricBuffer } from '../../sim/metric-buffer';
import { csvField, metricsCsv, metricsFileName, seriesName } from './metrics-csv';

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

describe('metricsCsv', () => {
  const buffer = new MetricBuffer(
    [
      { index: 0, metric: 'error_ratio', labels: { node: 'checkout' } },
      { index: 1, metric: 'request_rate', labels: { node: 'users' } },
      { index: 2, metric: 'edge_error_ratio', labels: { to: 'db', node: 'checkout' } },
    ],
    2,
    100,
  );
  buffer.append(0, [
    Float64Array.from([0, 0.25, 0.5]),
    Float64Array.from([100, 100.5, 99]),
    Float64Array.from([Number.NaN, 0, 1]),
  ]);
  const csv = metricsCsv(buffer);

  it('has a header of t and quoted Prometheus-style series names', () => {
    const header = csv.split('\r\n')[0];
    expect(header).toBe(
      't,"error_ratio{node=""checkout""}","request_rate{node=""users""}","edge_error_ratio{node=""checkout"",to=""db""}"',
    );
  });

  it('has one row per tick with one column per series, CRLF line ends', () => {
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(1 + buffer.length);
    for (const row of rows) expect(row).toHaveLength(4);
    expect(rows[0]?.[1]).toBe('error_ratio{node="checkout"}');
    expect(rows[1]).toEqual(['0', '0', '100', '']);
    expect(rows[2]).toEqual(['2', '0.25', '100.5', '0']);
    expect(rows[3]).toEqual(['4', '0.5', '99', '1']);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes fields with commas, quotes and line breaks only', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    const name = seriesName({ metric: 'm', labels: { node: 'a"b,c' } });
    expect(name).toBe('m{node="a\\"b,c"}');
    expect(parseCsv(`${csvField(name)}\r\n`)).toEqual([[name]]);
  });

  it('has only a header for a run without ticks, and a safe file name', () => {
    const empty = new MetricBuffer([{ index: 0, metric: 'x', labels: { node: 'n' } }], 1, 5);
    expect(metricsCsv(empty)).toBe('t,"x{node=""n""}"\r\n');
    expect(metricsFileName('run/1:2')).toBe('metrics-run-1-2.csv');
  });
});
