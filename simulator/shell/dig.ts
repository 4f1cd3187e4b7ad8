/** dig and nslookup against the cluster resolver, in their own output formats. */
import { fail, ok, type ShellContext, type ShellResult } from './context';
import { hash32, unixDate } from './format';
import { candidates, lookup, NAMESERVER, resolve, resolverHealth } from './resolver';

const SOA =
  'cluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1717232400 7200 1800 86400 30';

function digAnswer(ctx: ShellContext, qname: string, type: string): string {
  const hit = type === 'A' ? lookup(ctx, qname) : undefined;
  const inCluster = qname.endsWith('cluster.local');
  const exists = lookup(ctx, qname) !== undefined;
  const status = exists ? 'NOERROR' : 'NXDOMAIN';
  const { queryMs } = resolverHealth(ctx);
  const id = hash32(`${qname}|${type}|${Math.floor(ctx.time)}`) % 65536;
  const answer = hit ? `\n;; ANSWER SECTION:\n${qname}.\t${inCluster ? 30 : 300}\tIN\tA\t${hit.ip}\n` : '';
  const authority = hit ? '' : `\n;; AUTHORITY SECTION:\n${inCluster || !exists ? SOA : ''}\n`;
  return [
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}`,
    `;; flags: qr${inCluster ? ' aa' : ''} rd${inCluster ? '' : ' ra'}; QUERY: 1, ANSWER: ${hit ? 1 : 0}, AUTHORITY: ${hit ? 0 : 1}, ADDITIONAL: 1`,
    '',
    ';; OPT PSEUDOSECTION:',
    '; EDNS: version: 0, flags:; udp: 1232',
    ';; QUESTION SECTION:',
    `;${qname}.\t\tIN\t${type}`,
    `${answer}${authority}`,
    `;; Query time: ${queryMs} msec`,
    `;; SERVER: ${NAMESERVER}#53(${NAMESERVER}) (UDP)`,
    `;; WHEN: ${unixDate(ctx.time)}`,
    `;; MSG SIZE  rcvd: ${hit ? 60 + qname.length * 2 : 140 + qname.length}`,
  ].join('\n');
}

const TIMEOUT = (ctx: ShellContext, name: string) =>
  `;; communications error to ${NAMESERVER}#53: timed out\n;; communications error to ${NAMESERVER}#53: timed out\n;; communications error to ${NAMESERVER}#53: timed out\n\n; <<>> DiG 9.18.28 <<>> ${name}\n;; global options: +cmd\n;; no servers could be reached`;

export function dig(ctx: ShellContext, words: readonly string[]): ShellResult {
  let name: string | undefined;
  let type = 'A';
  let search = false;
  let showSearch = false;
  let short = false;
  for (const w of words) {
    if (w === '+search') search = true;
    else if (w === '+showsearch') search = showSearch = true;
    else if (w === '+short') short = true;
    else if (w === '+nosearch') search = false;
    else if (w.startsWith('+'))
      return fail(
        `Invalid option: ${w}\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}`,
        1,
      );
    else if (w.startsWith('@')) continue;
    else if (/^(A|AAAA|SRV|CNAME|TXT|MX|NS|SOA|PTR)$/i.test(w)) type = w.toUpperCase();
    else if (w.startsWith('-'))
      return fail(
        `Invalid option: ${w}\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}`,
        1,
      );
    else name = w;
  }
  if (name === undefined)
    return fail(
      'Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n(this console: dig NAME, dig +search +showsearch NAME, dig +short NAME)',
      1,
    );
  // dig does not use the search list unless told to (+search), unlike getaddrinfo.
  const tries = search ? candidates(ctx, name) : [name.replace(/\.$/, '')];
  if (!resolverHealth(ctx).answers) return fail(TIMEOUT(ctx, name), 9);
  if (short) {
    const final = tries.find((c) => lookup(ctx, c));
    const hit = final !== undefined && type === 'A' ? lookup(ctx, final) : undefined;
    return ok(hit ? hit.ip : '');
  }
  const header = `; <<>> DiG 9.18.28 <<>>${search ? ' +search' : ''}${showSearch ? ' +showsearch' : ''} ${name}\n;; global options: +cmd`;
  const blocks: string[] = [];
  for (const c of tries) {
    const found = lookup(ctx, c) !== undefined;
    if (showSearch || found || c === tries.at(-1)) blocks.push(digAnswer(ctx, c, type));
    if (found) break;
  }
  return ok(`${header}\n${blocks.join('\n\n')}`);
}

export function nslookup(ctx: ShellContext, words: readonly string[]): ShellResult {
  const name = words.find((w) => !w.startsWith('-'));
  if (name === undefined) return fail('Usage: nslookup NAME (interactive mode is not available here)', 1);
  const server = `Server:\t\t${NAMESERVER}\nAddress:\t${NAMESERVER}#53\n`;
  const r = resolve(ctx, name);
  if (r.kind === 'timeout') return fail(';; connection timed out; no servers could be reached\n', 1);
  if (r.kind === 'nxdomain') return fail(`${server}\n** server can't find ${name}: NXDOMAIN\n`, 1);
  return ok(`${server}\nName:\t${r.name}\nAddress: ${r.ip}\n`);
}
