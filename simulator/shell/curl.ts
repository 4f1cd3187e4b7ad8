/**
 * curl to a service: the status and timings a request would get now, from the node's error
 * ratio and latency quantiles. Which outcome a given request gets is drawn from a hash of the
 * command and the simulated second, so the same run prints the same answer.
 */
import { fail, finite, nodeById, ok, type ShellContext, type ShellResult } from './context';
import { hash32, wallClock } from './format';
import { mutatingCommand } from './mutating';
import { resolve, resolverHealth } from './resolver';

const HTTP_KINDS = new Set(['service', 'loadbalancer', 'external']);

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information";

interface CurlOptions {
  url?: string;
  silent: boolean;
  discard: boolean;
  head: boolean;
  writeOut?: string;
  maxTime?: number;
  method: string;
}

function parse(words: readonly string[]): CurlOptions | string {
  const o: CurlOptions = { silent: false, discard: false, head: false, method: 'GET' };
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const next = () => words[++i];
    if (
      w === '-s' ||
      w === '--silent' ||
      w === '-S' ||
      w === '-sS' ||
      w === '-Ss' ||
      w === '--show-error' ||
      w === '-L' ||
      w === '-v' ||
      w === '-k'
    ) {
      if (w.includes('s')) o.silent = true;
    } else if (w === '-o' || w === '--output') {
      const f = next();
      if (f === undefined) return 'curl: option -o: requires parameter';
      o.discard = f === '/dev/null';
    } else if (w === '-w' || w === '--write-out') {
      const f = next();
      if (f === undefined) return `curl: option ${w}: requires parameter`;
      o.writeOut = f;
    } else if (w === '-m' || w === '--max-time' || w === '--connect-timeout') {
      const f = Number(next());
      if (!Number.isFinite(f) || f < 0) return `curl: option ${w}: expected a proper numerical parameter`;
      o.maxTime = f;
    } else if (w === '-I' || w === '--head') {
      o.head = true;
    } else if (w === '-X' || w === '--request') {
      o.method = (next() ?? '').toUpperCase();
    } else if (w === '-d' || w === '--data' || w === '--data-raw') {
      next();
      o.method = 'POST';
    } else if (w === '-H' || w === '--header') {
      next();
    } else if (w.startsWith('-')) {
      return `curl: option ${w}: is unknown`;
    } else {
      o.url = w;
    }
  }
  return o;
}

/** %{http_code} and friends, with \n and \t as curl expands them. */
function writeOut(format: string, v: Record<string, string>): string {
  return format
    .replace(/%\{(\w+)\}/g, (_, key: string) => v[key] ?? '')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\r/g, '');
}

export function curl(ctx: ShellContext, words: readonly string[], line: string): ShellResult {
  const o = parse(words);
  if (typeof o === 'string') return fail(`${o}\n${TRY}`, 2);
  if (o.url === undefined) return fail(`curl: no URL specified!\n${TRY}`, 2);
  if (!['GET', 'HEAD'].includes(o.method)) return mutatingCommand(line);
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?/.exec(o.url);
  if (!m) return fail(`curl: (3) URL rejected: Bad hostname`, 3);
  const host = m[2] as string;
  const port = m[3] ?? (m[1] === 'https' ? '443' : '80');
  const r = resolve(ctx, host);
  const dnsMs = resolverHealth(ctx).queryMs;
  if (r.kind !== 'answer') {
    return fail(`curl: (6) Could not resolve host: ${host}`, 6);
  }
  const node = nodeById(ctx, r.node);
  if (!node || !HTTP_KINDS.has(node.kind)) {
    return fail(
      `curl: (7) Failed to connect to ${host} port ${port} after 1 ms: Couldn't connect to server`,
      7,
    );
  }
  const errorRatio = Math.min(1, Math.max(0, finite(ctx.metric('error_ratio', node.id))));
  const u = (hash32(`${line}|${Math.floor(ctx.time)}`) % 10000) / 10000;
  const v = (hash32(`${Math.floor(ctx.time)}|${line}`) % 10000) / 10000;
  const quantile = v < 0.5 ? 'latency_p50' : v < 0.95 ? 'latency_p95' : 'latency_p99';
  let seconds = Math.max(0.001, finite(ctx.metric(quantile, node.id), 0.01));
  const failed = u < errorRatio;
  const saturated = finite(ctx.metric('saturation', node.id)) >= 1;
  const code = failed ? (node.kind === 'external' ? 502 : saturated ? 503 : 500) : 200;
  const lookupS = r.node === '' ? 0 : dnsMs / 1000;
  seconds += lookupS;
  if (o.maxTime !== undefined && o.maxTime > 0 && seconds > o.maxTime) {
    const ms = Math.round(o.maxTime * 1000);
    return fail(`curl: (28) Operation timed out after ${ms} milliseconds with 0 bytes received`, 28);
  }
  const connect = lookupS + 0.0004;
  const values: Record<string, string> = {
    http_code: String(code),
    response_code: String(code),
    time_total: seconds.toFixed(6),
    time_namelookup: lookupS.toFixed(6),
    time_connect: connect.toFixed(6),
    time_appconnect: '0.000000',
    time_pretransfer: connect.toFixed(6),
    time_starttransfer: (seconds - 0.0001).toFixed(6),
    size_download: code === 200 ? '15' : '19',
    remote_ip: r.ip,
    url_effective: o.url,
  };
  const body =
    code === 200
      ? '{"status":"ok"}'
      : code === 503
        ? 'Service Unavailable'
        : code === 502
          ? 'Bad Gateway'
          : 'Internal Server Error';
  let out = '';
  if (o.head)
    out += `HTTP/1.1 ${code} ${code === 200 ? 'OK' : body}\ncontent-type: application/json\ndate: ${wallClock(ctx.time).toUTCString()}\n`;
  else if (!o.discard) out += body;
  if (o.writeOut !== undefined) out += writeOut(o.writeOut, values);
  return ok(out.replace(/\n$/, ''));
}
