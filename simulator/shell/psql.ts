/**
 * psql -c against the scenario's databases (PostgreSQL): a handful of query shapes on
 * pg_stat_activity and pg_stat_statements, answered from the engine's connection and query
 * metrics in psql's aligned format; anything else is a PostgreSQL error.
 */
import { fail, finite, nodesOfKind, ok, type ShellContext, type ShellResult } from './context';
import { fixed, hash32, wallClock, whole } from './format';
import { mutatingCommand } from './mutating';
import { ORDINARY_QUERY, REPORT_QUERY } from '../engine/span-otel';

type Db = ReturnType<typeof databases>[number];

export const databases = (ctx: ShellContext) => nodesOfKind(ctx, 'database');

/** psql's aligned table: centred headers, `|` between columns, `(N rows)` footer. */
export function aligned(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly boolean[] = [],
): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const centre = (s: string, w: number) => {
    const left = Math.floor((w - s.length) / 2);
    return ' '.repeat(left) + s + ' '.repeat(w - s.length - left);
  };
  const line = (cells: readonly string[], fmt: (s: string, c: number) => string) =>
    cells
      .map((s, c) => ` ${fmt(s, c)} `)
      .join('|')
      .trimEnd();
  const out = [
    line(header, (s, c) => centre(s, widths[c] ?? 0)),
    widths.map((w) => '-'.repeat(w + 2)).join('+'),
    ...rows.map((r) =>
      line(r, (s, c) => (numeric[c] ? s.padStart(widths[c] ?? 0) : s.padEnd(widths[c] ?? 0))),
    ),
    `(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`,
  ];
  return out.join('\n');
}

interface Backend {
  readonly pid: number;
  readonly app: string;
  readonly state: 'active' | 'idle';
  readonly queryStart: number;
  readonly query: string;
  readonly slow: boolean;
}

/** When the slow queries now running started: the start of the current run of db_slow_queries > 0. */
function slowSince(ctx: ShellContext, db: Db): number {
  const h = ctx.history('db_slow_queries', db.id);
  let k = h.values.length - 1;
  while (k > 0 && finite(h.values[k - 1] ?? 0) >= 1) k--;
  return h.start + Math.max(0, k) * h.step;
}

/** The server's backends now: slow queries first, then active ordinary queries, then idle pool connections. */
function backends(ctx: ShellContext, db: Db): Backend[] {
  const connections = Math.max(0, Math.round(finite(ctx.metric('db_connections', db.id))));
  const slow = Math.min(connections, Math.max(0, Math.round(finite(ctx.metric('db_slow_queries', db.id)))));
  const inflight = Math.max(0, Math.round(finite(ctx.metric('inflight', db.id))));
  const active = Math.min(connections - slow, inflight);
  const callers = ctx.scenario.edges.filter((e) => e.to === db.id).map((e) => e.from);
  const apps = callers.length > 0 ? callers : ['app'];
  const since = slowSince(ctx, db);
  const latency = finite(ctx.metric('latency_mean', db.id), db.queryTime);
  const out: Backend[] = [];
  for (let i = 0; i < connections && i < 5000; i++) {
    const isSlow = i < slow;
    const isActive = isSlow || i < slow + active;
    out.push({
      pid: 10000 + (hash32(`${db.id}/${i}`) % 50000),
      app: isSlow ? 'psql' : (apps[i % apps.length] ?? 'app'),
      state: isActive ? 'active' : 'idle',
      queryStart: isSlow ? since + (i % 7) : ctx.time - (isActive ? latency : 1 + (i % 30)),
      query: isSlow ? REPORT_QUERY : ORDINARY_QUERY,
      slow: isSlow,
    });
  }
  return out;
}

/** PostgreSQL's interval output: 00:21:04.5 */
function interval(seconds: number): string {
  const s = Math.max(0, finite(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${sec.toFixed(6).padStart(9, '0')}`;
}

const timestamp = (t: number) => wallClock(t).toISOString().replace('T', ' ').replace('Z', '+00');

function normalise(sql: string): string {
  return sql
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*;\s*$/, '')
    .trim();
}

function limitOf(q: string, fallback: number): number {
  const m = / limit (\d+)/.exec(q);
  return m ? Math.min(1000, Number(m[1])) : fallback;
}

function activityQuery(ctx: ShellContext, db: Db, q: string): ShellResult {
  const all = backends(ctx, db);
  if (/^select count\(\*\) from pg_stat_activity( where state ?= ?'(\w+)')?$/.test(q)) {
    const state = /'(\w+)'/.exec(q)?.[1];
    const n = state ? all.filter((b) => b.state === state).length : all.length;
    return ok(aligned(['count'], [[String(n)]], [true]));
  }
  if (
    /^select state, ?count\(\*\)( as \w+)? from pg_stat_activity group by (state|1)( order by .*)?$/.test(q)
  ) {
    const counts = new Map<string, number>();
    for (const b of all) counts.set(b.state, (counts.get(b.state) ?? 0) + 1);
    const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([s, n]) => [s, String(n)]);
    return ok(aligned(['state', 'count'], rows, [false, true]));
  }
  if (/now\(\) ?- ?query_start/.test(q) || /query_start/.test(q)) {
    const rows = all
      .filter(
        (b) => b.state === 'active' && (!/> ?interval/.test(q) || ctx.time - b.queryStart > thresholdOf(q)),
      )
      .sort((a, b) => a.queryStart - b.queryStart)
      .slice(0, limitOf(q, 20))
      .map((b) => [String(b.pid), interval(ctx.time - b.queryStart), b.state, b.query]);
    return ok(aligned(['pid', 'duration', 'state', 'query'], rows, [true, false, false, false]));
  }
  if (/^select \* from pg_stat_activity/.test(q) || /^select pid/.test(q)) {
    const rows = all
      .slice(0, limitOf(q, 50))
      .map((b) => [
        String(b.pid),
        'app',
        b.app,
        b.state,
        b.slow ? '' : 'Client',
        timestamp(b.queryStart),
        b.query,
      ]);
    return ok(
      aligned(
        ['pid', 'usename', 'application_name', 'state', 'wait_event_type', 'query_start', 'query'],
        rows,
        [true],
      ),
    );
  }
  return fail(
    `ERROR:  this console's pg_stat_activity answers: count(*), state with count(*) ... group by state, now() - query_start (long-running queries), select * / select pid ...`,
  );
}

/** `> interval '5 minutes'` in seconds (default: a minute). */
function thresholdOf(q: string): number {
  const m = /interval '(\d+) ?(second|minute|hour|s|min|m|h)s?'/.exec(q);
  if (!m) return 60;
  const n = Number(m[1]);
  const unit = m[2] ?? 'second';
  return unit.startsWith('h') ? n * 3600 : unit.startsWith('m') ? n * 60 : n;
}

function statementsQuery(ctx: ShellContext, db: Db, q: string): ShellResult {
  const rate = Math.max(0, finite(ctx.metric('throughput', db.id)));
  const mean = finite(ctx.metric('latency_mean', db.id), db.queryTime) * 1000;
  const t = Math.max(1, ctx.time);
  // Statements are counted when they finish: the running reports are not in it yet.
  const rows = [
    { query: ORDINARY_QUERY, calls: rate * t * 0.7, mean },
    { query: 'UPDATE orders SET status = $1 WHERE id = $2', calls: rate * t * 0.2, mean: mean * 1.6 },
    {
      query: 'INSERT INTO order_items (order_id, sku, amount) VALUES ($1, $2, $3)',
      calls: rate * t * 0.1,
      mean: mean * 1.2,
    },
  ]
    .map((r) => ({ ...r, total: r.calls * r.mean }))
    .sort((a, b) => b.total - a.total)
    .slice(0, limitOf(q, 10));
  return ok(
    aligned(
      ['query', 'calls', 'total_exec_time', 'mean_exec_time'],
      rows.map((r) => [r.query, whole(r.calls), fixed(r.total, 2), fixed(r.mean, 2)]),
      [false, true, true, true],
    ),
  );
}

/**
 * pg_replication_slots: the scenario's replication-slot faults on this database that have started
 * and were not dropped (a drop-replication-slot action naming them), with the WAL they retain
 * (disk_wal_retained_mb). In production a slot is visible from its creation, so this leaks nothing.
 */
function replicationSlots(ctx: ShellContext, db: Db): string {
  const dropped = new Set(
    ctx.events
      .filter(
        (e) => e.kind === 'action' && e.data?.type === 'drop-replication-slot' && e.data.target === db.id,
      )
      .map((e) => String(e.data?.slot ?? '')),
  );
  const retained = Math.max(0, finite(ctx.metric('disk_wal_retained_mb', db.id)));
  const slots = ctx.scenario.faults
    .filter((f) => f.type === 'replication-slot' && f.target === db.id && f.at <= ctx.time)
    .map((f) => String(f.params.slot ?? 'analytics_slot'))
    .filter((name) => !dropped.has(name));
  const gb = (mb: number) => (mb >= 1024 ? `${whole(mb / 1024)} GB` : `${whole(mb)} MB`);
  return aligned(
    ['slot_name', 'slot_type', 'active', 'wal_status', 'retained_wal'],
    slots.map((name, k) => [name, 'logical', 'f', 'extended', k === 0 ? gb(retained) : '0 bytes']),
  );
}

const MUTATING_SQL =
  /^(update|delete|insert|drop|alter|truncate|create|grant|revoke|vacuum|reindex|cluster)\b|pg_terminate_backend|pg_cancel_backend/;

export function psql(ctx: ShellContext, words: readonly string[], line: string): ShellResult {
  let host: string | undefined;
  let sql: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '-c' || w === '--command') sql = words[++i];
    else if (w === '-h' || w === '--host') host = words[++i];
    else if (
      w === '-U' ||
      w === '-d' ||
      w === '-p' ||
      w === '--username' ||
      w === '--dbname' ||
      w === '--port'
    )
      i++;
    else if (w.startsWith('--command=')) sql = w.slice('--command='.length);
    else if (w.startsWith('--host=')) host = w.slice('--host='.length);
    else if (w.startsWith('-'))
      return fail(`psql: error: unrecognized option '${w}'\nTry "psql --help" for more information.`, 1);
    else if (w.startsWith('postgres://') || w.startsWith('postgresql://'))
      host = /\/\/(?:[^@/]*@)?([^:/?]+)/.exec(w)?.[1];
  }
  const dbs = databases(ctx);
  // PGHOST points at the only database when there is one.
  const target = host ?? (dbs.length === 1 ? dbs[0]?.id : undefined);
  if (target === undefined) {
    return fail(
      'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?',
      2,
    );
  }
  const db = dbs.find((d) => d.id === target || `${d.id}.default.svc.cluster.local` === target);
  if (!db) {
    const known = ctx.scenario.nodes.some((n) => n.id === target);
    return fail(
      known
        ? `psql: error: connection to server at "${target}", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?`
        : `psql: error: could not translate host name "${target}" to address: Name or service not known`,
      2,
    );
  }
  if (sql === undefined)
    return fail(
      `psql: interactive mode is not available here; run a query with psql -h ${db.id} -c "..."`,
      1,
    );
  const q = normalise(sql);
  if (q === '') return ok('');
  if (MUTATING_SQL.test(q)) return mutatingCommand(line);
  if (q === 'select 1') return ok(aligned(['?column?'], [['1']], [true]));
  if (q === 'select version()')
    return ok(
      aligned(
        ['version'],
        [['PostgreSQL 16.4 on x86_64-pc-linux-gnu, compiled by gcc (GCC) 12.2.0, 64-bit']],
      ),
    );
  if (q === 'show max_connections') {
    const live = ctx.liveNodes.find((n) => n.id === db.id);
    return ok(aligned(['max_connections'], [[whole(live?.maxConnections ?? db.maxConnections)]]));
  }
  if (/\bfrom pg_stat_activity\b/.test(q)) return activityQuery(ctx, db, q);
  if (/\bfrom pg_stat_statements\b/.test(q)) return statementsQuery(ctx, db, q);
  if (/\bfrom pg_replication_slots\b/.test(q)) return ok(replicationSlots(ctx, db));
  const relation = /\bfrom ([a-z_][\w.]*)/.exec(q)?.[1];
  if (relation) {
    const at = sql.trim().toLowerCase().indexOf(relation);
    return fail(
      `ERROR:  relation "${relation}" does not exist\nLINE 1: ${sql.trim()}\n${' '.repeat(8 + Math.max(0, at))}^`,
      1,
    );
  }
  const firstWord = sql.trim().split(/\s+/)[0] ?? '';
  return fail(`ERROR:  syntax error at or near "${firstWord}"\nLINE 1: ${sql.trim()}\n        ^`, 1);
}
