import { describe, expect, it } from 'vitest';
import { system } from './fixture';
import { parseActionCommand } from './parse';
import { commandEntries } from './syntax';

const ok = (line: string) => {
  const r = parseActionCommand(line, system);
  if (!r.ok) throw new Error(`${line}: ${r.error}`);
  return r;
};
const error = (line: string) => {
  const r = parseActionCommand(line, system);
  if (r.ok) throw new Error(`${line} parsed as ${JSON.stringify(r.command)}`);
  return r.error;
};

describe('parseActionCommand: kubectl', () => {
  it('reads every accepted spelling of a scale', () => {
    for (const line of [
      'kubectl scale deploy/checkout --replicas=12',
      'kubectl scale deployment checkout --replicas 12',
      'kubectl -n default scale deployments/checkout --replicas=12',
      'kubectl scale --replicas=12 deploy checkout --namespace=default',
    ])
      expect(ok(line).command).toEqual({ type: 'scale', target: 'checkout', params: { replicas: 12 } });
    expect(ok('kubectl scale deploy checkout --replicas=12').canonical).toBe(
      'kubectl scale deploy/checkout --replicas=12',
    );
  });

  it('scales a DNS deployment as scale-dns, in kube-system', () => {
    const r = ok('kubectl -n kube-system scale deploy/coredns --replicas=6');
    expect(r.command).toEqual({ type: 'scale-dns', target: 'coredns', params: { replicas: 6 } });
    expect(r.canonical).toBe('kubectl -n kube-system scale deploy/coredns --replicas=6');
    expect(error('kubectl -n default scale deploy/coredns --replicas=6')).toBe(
      'deploy/coredns: not found in namespace default (it runs in kube-system)',
    );
  });

  it('names what is wrong with a scale', () => {
    expect(error('kubectl scale deploy/checkout --replicas=x')).toBe(
      '--replicas must be a whole number 0-1000',
    );
    expect(error('kubectl scale deploy/checkout --replicas=1001')).toBe(
      '--replicas must be a whole number 0-1000',
    );
    expect(error('kubectl scale deploy/checkout --replicas=-1')).toBe(
      '--replicas must be a whole number 0-1000',
    );
    expect(error('kubectl scale deploy/checkout')).toBe('kubectl scale: --replicas is required');
    expect(error('kubectl scale deploy/foo --replicas=2')).toBe('deploy/foo: not found');
    expect(error('kubectl scale deploy/chekout --replicas=2')).toBe(
      'deploy/chekout: not found (did you mean deploy/checkout?)',
    );
    expect(error('kubectl scale deploy/checkout --replicas=2 --force')).toBe('kubectl: unknown flag --force');
    expect(error('kubectl -n prod scale deploy/checkout --replicas=2')).toBe(
      'deploy/checkout: not found in namespace prod (it runs in default)',
    );
  });

  it('says which tool fits a node kubectl does not manage', () => {
    const r = parseActionCommand('kubectl scale deploy/orders-db --replicas=3', system);
    expect(r).toMatchObject({
      ok: false,
      error: 'orders-db is a database: kubectl scale applies to services',
    });
    if (r.ok) return;
    expect(r.suggestions).toContain(
      'aws rds reboot-db-instance --db-instance-identifier orders-db --force-failover',
    );
    expect(r.suggestions!.every((s) => s.includes('orders-db'))).toBe(true);
  });

  it('restarts, rolls back and deletes', () => {
    expect(ok('kubectl rollout restart deploy/checkout').command).toEqual({
      type: 'restart',
      target: 'checkout',
      params: {},
    });
    expect(ok('kubectl -n kube-system rollout restart deploy/coredns').canonical).toBe(
      'kubectl -n kube-system rollout restart deploy/coredns',
    );
    expect(ok('kubectl rollout undo deploy/checkout').command.type).toBe('rollback');
    expect(ok('kubectl rollout undo deploy/checkout --to-revision=3').command.type).toBe('rollback');
    expect(error('kubectl rollout undo deploy/checkout --to-revision=x')).toBe(
      '--to-revision must be a whole number of at least 0',
    );
    expect(error('kubectl rollout pause deploy/checkout')).toBe(
      'kubectl rollout: expected restart or undo, not pause',
    );
    expect(error('kubectl rollout undo deploy/coredns')).toBe(
      'coredns is a DNS server: kubectl rollout undo applies to services',
    );
    expect(ok('kubectl delete deploy/users').command).toEqual({
      type: 'stop-workload',
      target: 'users',
      params: {},
    });
  });

  it('patches and creates autoscaler bounds', () => {
    expect(ok(`kubectl patch hpa checkout -p '{"spec":{"minReplicas":3,"maxReplicas":20}}'`).command).toEqual(
      {
        type: 'set-autoscaler-bounds',
        target: 'checkout',
        params: { min: 3, max: 20 },
      },
    );
    expect(ok('kubectl autoscale deploy checkout --min=2 --max=20 --cpu-percent=70').command.params).toEqual({
      min: 2,
      max: 20,
      target: 0.7,
    });
    expect(ok(`kubectl patch hpa/checkout --type=merge -p '{"spec":{"maxReplicas":30}}'`).canonical).toBe(
      `kubectl patch hpa checkout -p '{"spec":{"maxReplicas":30}}'`,
    );
    expect(error(`kubectl patch hpa checkout -p '{"spec":{"minReplicas":9,"maxReplicas":3}}'`)).toBe(
      'minReplicas (9) must not exceed maxReplicas (3)',
    );
    expect(error(`kubectl patch hpa checkout -p '{spec'`)).toBe(`kubectl patch: -p is not valid JSON: {spec`);
    expect(error(`kubectl patch hpa checkout -p '{"spec":{"behavior":{}}}'`)).toBe(
      'kubectl patch hpa: spec.behavior cannot be patched here (minReplicas, maxReplicas, targetCPUUtilizationPercentage, metrics)',
    );
    expect(error('kubectl autoscale deploy search --min=2 --max=9 --cpu-percent=50')).toBe(
      "search's autoscaler scales on latency_p99, not CPU: a CPU target does not apply",
    );
    expect(error('kubectl autoscale deploy checkout --min=2')).toBe('kubectl autoscale: --max is required');
    expect(error(`kubectl patch hpa lb -p '{"spec":{"maxReplicas":3}}'`)).toBe(
      'lb is a load balancer: kubectl patch hpa applies to services',
    );
  });

  it('sets resource limits, one per command, in Kubernetes quantities', () => {
    expect(ok('kubectl set resources deploy/checkout --limits=cpu=500m').command.params).toEqual({
      cores: 0.5,
    });
    expect(ok('kubectl set resources deploy/checkout --limits=cpu=2').command.type).toBe('raise-cpu-limit');
    expect(ok('kubectl set image deploy/search app=registry-mirror/search:v1').command).toEqual({
      type: 'set-image-registry',
      target: 'search',
      params: { registry: 'registry-mirror' },
    });
    expect(error('kubectl set image deploy/search app=search:v1')).toBe(
      'kubectl set image: the image must name its registry (REGISTRY/NAME:TAG), not search:v1',
    );
    expect(error('kubectl set image deploy/search app=quay/search:v1')).toBe(
      'kubectl set image: no registry "quay" in this system',
    );
    expect(ok('kubectl set resources deploy/checkout --limits=memory=2Gi').command).toEqual({
      type: 'raise-memory-limit',
      target: 'checkout',
      params: { memoryMb: 2048 },
    });
    expect(ok('kubectl set resources deploy/checkout --limits=memory=512Mi').command.params).toEqual({
      memoryMb: 512,
    });
    expect(ok('kubectl -n kube-system set resources deploy/coredns --limits=memory=1Gi').command.type).toBe(
      'raise-memory-limit',
    );
    expect(error('kubectl set resources deploy/checkout --limits=memory=2GB')).toBe(
      '--limits=memory must be a memory quantity such as 512Mi or 2Gi, not 2GB',
    );
    expect(error('kubectl set resources deploy/checkout --limits=cpu=lots')).toBe(
      '--limits=cpu must be a CPU quantity such as 500m or 2, not lots',
    );
    expect(error('kubectl set resources deploy/checkout --limits=cpu=2,memory=2Gi')).toBe(
      'kubectl set resources: set one limit per command (each is its own rolling restart)',
    );
    expect(error('kubectl set resources deploy/coredns --limits=cpu=2')).toBe(
      'coredns is a DNS server: kubectl set resources --limits=cpu applies to services',
    );
  });

  it("changes or removes a probe with kubectl set probe (oc set probe's shape)", () => {
    expect(
      ok('kubectl set probe deploy/checkout --liveness --timeout-seconds=5 --failure-threshold 6').command,
    ).toEqual({
      type: 'set-probe',
      target: 'checkout',
      params: { probe: 'liveness', timeoutSeconds: 5, failureThreshold: 6 },
    });
    expect(ok('kubectl set probe deployment/checkout --readiness --remove').command.params).toEqual({
      probe: 'readiness',
      enabled: false,
    });
    expect(ok('kubectl set probe deploy/checkout --readiness --period-seconds=30').canonical).toBe(
      'kubectl set probe deploy/checkout --readiness --period-seconds=30',
    );
    expect(error('kubectl set probe deploy/checkout --timeout-seconds=5')).toBe(
      'kubectl set probe: say which probe: --liveness or --readiness (one per command)',
    );
    expect(error('kubectl set probe deploy/checkout --liveness')).toMatch(
      /^kubectl set probe: give a setting to change/,
    );
    expect(error('kubectl set probe deploy/checkout --liveness --timeout-seconds=0')).toBe(
      '--timeout-seconds must be a whole number 1-86400',
    );
    expect(error('kubectl set probe deploy/checkout --liveness --timeout-seconds=1s')).toBe(
      '--timeout-seconds must be a whole number 1-86400',
    );
  });

  it('removes the mesh sidecar and applies NodeLocal DNSCache', () => {
    const patch = `'{"spec":{"template":{"metadata":{"annotations":{"sidecar.istio.io/inject":"false"}}}}}'`;
    expect(ok(`kubectl patch deploy checkout -p ${patch}`).command.type).toBe('remove-sidecar');
    expect(error(`kubectl patch deploy search -p ${patch}`)).toBe('deploy/search has no sidecar to remove');
    expect(ok('kubectl -n kube-system apply -f nodelocaldns.yaml').command).toEqual({
      type: 'enable-dns-cache',
      target: 'coredns',
      params: {},
    });
    expect(ok('kubectl apply -f nodelocaldns-coredns.yaml').canonical).toBe(
      'kubectl -n kube-system apply -f nodelocaldns-coredns.yaml',
    );
    expect(error('kubectl apply -f evil.yaml')).toBe(
      'kubectl apply -f evil.yaml: the only manifest here is NodeLocal DNSCache (nodelocaldns-NAME.yaml)',
    );
  });

  it('sends read-only commands to the Shell tab', () => {
    expect(error('kubectl get pods')).toBe('kubectl get: it only reads: run it in the Shell tab');
    expect(error('kubectl rollout status deploy/checkout')).toBe(
      'kubectl rollout status: it only reads: run it in the Shell tab',
    );
    expect(error('kubectl scael deploy/checkout')).toBe(
      'kubectl: unknown command "scael" (did you mean scale?)',
    );
  });
});

describe('parseActionCommand: redis-cli, psql, aws, consul', () => {
  it('sets maxmemory in Redis units on a cache or a queue', () => {
    expect(ok('redis-cli -h sessions CONFIG SET maxmemory 2gb').command).toEqual({
      type: 'set-cache-maxmemory',
      target: 'sessions',
      params: { memoryMb: 2048 },
    });
    expect(ok('redis-cli -h jobs config set maxmemory 1024mb').command).toEqual({
      type: 'expand-queue',
      target: 'jobs',
      params: { memoryMb: 1024 },
    });
    expect(ok('redis-cli -h sessions -p 6379 CONFIG SET maxmemory 1g').command.params!.memoryMb).toBeCloseTo(
      953.674,
      3,
    );
    expect(error('redis-cli -h sessions CONFIG SET maxmemory lots')).toBe(
      'maxmemory must be a size such as 1gb, 512mb or a number of bytes, not lots',
    );
    expect(error('redis-cli -h orders-db CONFIG SET maxmemory 1gb')).toBe(
      'orders-db is a database: redis-cli talks to caches and queues',
    );
    expect(error('redis-cli CONFIG SET maxmemory 1gb')).toBe(
      'redis-cli: which server? give -h NAME (a cache or queue)',
    );
    expect(error('redis-cli -h sessions INFO memory')).toBe(
      'redis-cli INFO: it only reads: run it in the Shell tab',
    );
  });

  it('purges a queue with FLUSHALL or DEL', () => {
    expect(ok('redis-cli -h jobs FLUSHALL').command.type).toBe('purge-queue');
    expect(ok('redis-cli -h jobs DEL jobs:pending').command.type).toBe('purge-queue');
    expect(error('redis-cli -h jobs DEL')).toBe('redis-cli DEL: which key?');
    expect(error('redis-cli -h sessions DEL user:1')).toBe(
      'sessions is a cache: redis-cli DEL applies to queues',
    );
    // On a cache a flush empties it, as a restart does.
    expect(ok('redis-cli -h sessions FLUSHALL').command).toMatchObject({
      type: 'restart',
      target: 'sessions',
    });
  });

  it('recognises pg_terminate_backend and pg_cancel_backend, and ALTER SYSTEM', () => {
    for (const sql of [
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'active' AND now() - query_start > interval '1 minute'",
      "select pg_cancel_backend(pid) from pg_stat_activity where query_start < now() - interval '30 seconds'",
    ])
      expect(ok(`psql -h orders-db -U app -d orders -c "${sql}"`).command).toEqual({
        type: 'kill-queries',
        target: 'orders-db',
        params: {},
      });
    expect(ok(`psql --host=orders-db -c 'ALTER SYSTEM SET max_connections = 400'`).command).toEqual({
      type: 'set-pool-size',
      target: 'orders-db',
      params: { size: 400 },
    });
    expect(error(`psql -h orders-db -c 'SELECT count(*) FROM pg_stat_activity'`)).toBe(
      'psql: this query only reads: run it in the Shell tab',
    );
    expect(error(`psql -h orders-db -c 'DROP TABLE orders'`)).toMatch(
      /^psql: the statements that change something/,
    );
    expect(error(`psql -h sessions -c 'SELECT pg_terminate_backend(1)'`)).toBe(
      'sessions is a cache: psql talks to databases',
    );
    expect(error(`psql -h orders-db -c "SELECT pg_terminate_backend(pid)`)).toBe(
      'unexpected end of line: unmatched double quote',
    );
  });

  it('resizes and fails over an RDS instance', () => {
    const r = ok(
      'aws rds modify-db-instance --db-instance-identifier orders-db --db-instance-class db.r6g.4xlarge --apply-immediately',
    );
    // r6g.4xlarge: 16 vCPUs, 128 GiB; LEAST(128 GiB / 9531392, 5000) = 5000
    expect(r.command).toEqual({
      type: 'resize-database',
      target: 'orders-db',
      params: { cores: 16, maxConnections: 5000 },
    });
    expect(
      ok(
        'aws rds modify-db-instance --db-instance-identifier orders-db --db-instance-class db.m5.large --apply-immediately',
      ).command.params,
    ).toEqual({ cores: 2, maxConnections: 901 });
    expect(
      error(
        'aws rds modify-db-instance --db-instance-identifier orders-db --db-instance-class db.r6g.4xlarge',
      ),
    ).toBe(
      'aws rds modify-db-instance: without --apply-immediately the change waits for the next maintenance window; add --apply-immediately',
    );
    expect(
      error(
        'aws rds modify-db-instance --db-instance-identifier orders-db --db-instance-class db.r6g.huge --apply-immediately',
      ),
    ).toMatch(/^InvalidParameterCombination: unknown DB instance class db.r6g.huge/);
    expect(
      error(
        'aws rds modify-db-instance --db-instance-identifier nope --db-instance-class db.r6g.large --apply-immediately',
      ),
    ).toBe('DBInstanceNotFound: nope');
    expect(
      ok('aws rds reboot-db-instance --db-instance-identifier orders-db --force-failover').command.type,
    ).toBe('failover');
    expect(error('aws rds reboot-db-instance --db-instance-identifier orders-db')).toMatch(
      /add --force-failover/,
    );
    expect(error('aws rds describe-db-instances')).toBe(
      'aws rds describe-db-instances: it only reads: run it in the Shell tab',
    );
  });

  it('changes call and node settings in Consul KV', () => {
    const put = (key: string, value: string) => ok(`consul kv put ${key} ${value}`).command;
    expect(put('config/checkout/orders-db/timeout', '2s')).toEqual({
      type: 'set-timeout',
      target: 'checkout->orders-db',
      params: { seconds: 2 },
    });
    expect(put('config/checkout/orders-db/timeout', '500ms').params).toEqual({ seconds: 0.5 });
    expect(put('config/checkout/orders-db/retries', '0')).toMatchObject({
      type: 'set-retries',
      params: { retries: 0 },
    });
    expect(put('config/checkout/orders-db/pool-size', '20')).toMatchObject({
      type: 'set-pool-size',
      params: { size: 20 },
    });
    expect(put('config/checkout/orders-db/rate-limit', '50')).toMatchObject({
      type: 'set-rate-limit',
      params: { rps: 50 },
    });
    expect(put('config/checkout/orders-db/retry-budget', '0.1')).toEqual({
      type: 'set-retry-budget',
      target: 'checkout->orders-db',
      params: { budget: 0.1 },
    });
    expect(put('config/checkout/block-payload', 'true')).toMatchObject({
      type: 'block-payload',
      target: 'checkout',
    });
    expect(error('consul kv put config/checkout/orders-db/retry-budget 20%')).toBe(
      'retry-budget must be retries per call between 0 and 10 (0.1 = 10%), not 20%',
    );
    expect(error('consul kv put config/checkout/block-payload maybe')).toBe(
      'block-payload can only be set to true (reject the poison payload), not maybe',
    );
    expect(error('consul kv put config/orders-db/block-payload true')).toMatch(/orders-db is a database/);
    expect(put('config/checkout/sessions/breaker', 'open').type).toBe('open-breaker');
    expect(put('config/checkout/sessions/breaker', 'closed').type).toBe('close-breaker');
    expect(put('config/checkout/orders-db/readiness-probe', 'shallow').type).toBe('shallow-health-check');
    expect(put('config/checkout/threads', '64')).toEqual({
      type: 'set-pool-size',
      target: 'checkout',
      params: { size: 64 },
    });
    expect(put('config/lb/rate-limit', '500')).toEqual({
      type: 'set-rate-limit',
      target: 'lb',
      params: { rps: 500 },
    });
    expect(error('consul kv put config/checkout/search/timeout 2s')).toBe(
      'config/checkout/search: checkout does not call search',
    );
    expect(error('consul kv put config/checkout/orders-db/timeout soon')).toBe(
      'timeout must be a duration such as 500ms, 2s or 1m, not soon',
    );
    expect(error('consul kv put config/checkout/orders-db/retries 11')).toBe(
      'retries must be a whole number 0-10',
    );
    expect(error('consul kv put config/checkout/orders-db/breaker half')).toBe(
      'breaker must be open or closed, not half',
    );
    expect(error('consul kv put config/orders-db/threads 9')).toBe(
      'orders-db is a database: threads apply to services',
    );
    expect(error('consul kv put config/orders-db/rate-limit 9')).toBe(
      'orders-db is a database: config rate-limit applies to services and load balancers',
    );
    expect(error('consul kv get config/checkout/threads')).toBe(
      'consul kv get: it only reads: run it in the Shell tab',
    );
  });

  it('rejects other tools and malformed lines with a sentence', () => {
    expect(error('')).toBe('type a command, e.g. kubectl rollout restart deploy/NAME');
    expect(error('rm -rf /')).toBe(
      'rm: command not found; actions use kubectl, redis-cli, psql, aws, consul',
    );
    expect(error('kubeclt get pods')).toBe(
      'kubeclt: command not found (did you mean kubectl?); actions use kubectl, redis-cli, psql, aws, consul',
    );
    expect(error("kubectl scale deploy/'checkout")).toBe('unexpected end of line: unmatched single quote');
  });
});

describe('parseActionCommand: autoscaler control and cache policy', () => {
  const plain = {
    nodes: [
      ...system.nodes,
      { id: 'worker', kind: 'service', replicas: 3, concurrency: 10, serviceTime: 0.01 },
    ] as typeof system.nodes,
    edges: system.edges,
  };

  it('kubectl delete hpa NAME deletes the autoscaler; a service without one says so', () => {
    for (const line of ['kubectl delete hpa checkout', 'kubectl delete hpa/checkout'])
      expect(ok(line).command).toMatchObject({ type: 'delete-autoscaler', target: 'checkout' });
    expect(ok('kubectl delete hpa checkout').canonical).toBe('kubectl delete hpa checkout');
    const r = parseActionCommand('kubectl delete hpa worker', plain);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe('hpa/worker: not found (worker has no autoscaler)');
  });

  it('retargets an HPA with an autoscaling/v2 metric, and writes it back the same way', () => {
    const rps = `kubectl patch hpa checkout -p '{"spec":{"metrics":[{"type":"Pods","pods":{"metric":{"name":"http_requests_per_second"},"target":{"type":"AverageValue","averageValue":"120"}}}]}}'`;
    const r = ok(rps);
    expect(r.command).toEqual({
      type: 'set-autoscaler-bounds',
      target: 'checkout',
      params: { metric: 'requests_per_second', target: 120 },
    });
    expect(r.canonical).toBe(rps);
    expect(
      ok(
        `kubectl patch hpa search -p '{"spec":{"maxReplicas":30,"metrics":[{"type":"External","external":{"metric":{"name":"redis_list_length"},"target":{"type":"AverageValue","averageValue":"50"}}}]}}'`,
      ).command.params,
    ).toEqual({ metric: 'queue_depth', target: 50, max: 30 });
    expect(
      ok(
        `kubectl patch hpa search -p '{"spec":{"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}}]}}'`,
      ).command.params,
    ).toEqual({ metric: 'cpu', target: 0.6 });
    expect(
      error(
        `kubectl patch hpa checkout -p '{"spec":{"metrics":[{"type":"Pods","pods":{"metric":{"name":"gc_pauses"},"target":{"type":"AverageValue","averageValue":"1"}}}]}}'`,
      ),
    ).toMatch(/^kubectl patch hpa: metric gc_pauses: one of http_requests_per_second, /);
    expect(error(`kubectl patch hpa checkout -p '{"spec":{"metrics":[]}}'`)).toMatch(
      /spec.metrics: one metric/,
    );
  });

  it('kubectl autoscale on a service without an HPA creates one on CPU (kubectl defaults --min 1)', () => {
    const r = parseActionCommand('kubectl autoscale deploy worker --max=8 --cpu-percent=60', plain);
    expect(r.ok && r.command).toEqual({
      type: 'set-autoscaler-bounds',
      target: 'worker',
      params: { min: 1, max: 8, target: 0.6, metric: 'cpu' },
    });
    expect(r.ok && r.canonical).toBe('kubectl autoscale deploy worker --min=1 --max=8 --cpu-percent=60');
  });

  it('restarts a cache as a StatefulSet, and sets its fill policy through Consul', () => {
    const r = ok('kubectl rollout restart statefulset/sessions');
    expect(r.command).toMatchObject({ type: 'restart', target: 'sessions' });
    expect(r.canonical).toBe('kubectl rollout restart statefulset/sessions');
    expect(ok('consul kv put config/sessions/cache-coalesce true').command).toEqual({
      type: 'set-cache-policy',
      target: 'sessions',
      params: { coalesce: true },
    });
    expect(ok('consul kv put config/sessions/cache-ttl-jitter 0.2').command.params).toEqual({
      ttlJitter: 0.2,
    });
    expect(error('consul kv put config/sessions/cache-ttl-jitter 20%')).toMatch(/between 0 and 1/);
    expect(error('consul kv put config/checkout/cache-coalesce true')).toMatch(/set-cache-policy|cache/);
  });
});

describe('traffic routing commands (aws route53, Route 53 ARC)', () => {
  const batch = (change: object) => JSON.stringify({ Changes: [change] });
  const upsert = (record: object) => batch({ Action: 'UPSERT', ResourceRecordSet: record });
  const route53 = (json: string) =>
    `aws route53 change-resource-record-sets --hosted-zone-id Z0OUTAGELAB --change-batch '${json}'`;

  it('an UPSERT of a weighted record sets the weight of that target', () => {
    const r = parseActionCommand(
      route53(upsert({ Name: 'geo', Type: 'A', SetIdentifier: 'lb-west', Weight: 0 })),
      system,
    );
    expect(r).toMatchObject({
      ok: true,
      command: { type: 'set-route-weight', target: 'geo->lb-west', params: { weight: 0 } },
    });
    // The record as `aws route53 list-resource-record-sets` prints it: a fully qualified name.
    const fqdn = parseActionCommand(
      route53(upsert({ Name: 'geo.', Type: 'CNAME', SetIdentifier: 'lb-west', Weight: 5 })),
      system,
    );
    expect(fqdn).toMatchObject({ ok: true, command: { target: 'geo->lb-west', params: { weight: 5 } } });
  });

  it('refuses what Route 53 would, and records that are not weighted routes', () => {
    const bad = (line: string) => {
      const r = parseActionCommand(line, system);
      return r.ok ? 'ok' : r.error;
    };
    expect(bad(route53(upsert({ Name: 'geo', SetIdentifier: 'lb', Weight: 300 })))).toContain('0-255');
    expect(bad(route53(upsert({ Name: 'lb', SetIdentifier: 'checkout', Weight: 1 })))).toContain(
      'no weighted record',
    );
    expect(bad(route53('{"Changes":'))).toContain('not valid JSON');
    expect(bad(route53(batch({ Action: 'DELETE', ResourceRecordSet: {} })))).toContain('UPSERT');
    expect(bad('aws route53 change-resource-record-sets --change-batch {}')).toContain('--hosted-zone-id');
    expect(bad('aws route53 list-resource-record-sets --hosted-zone-id Z1')).toContain('Shell tab');
  });

  it('a routing control turned Off drains its region; On points to the weights', () => {
    const arn = 'arn:aws:route53-recovery-control::000000000000:controlpanel/geo/routingcontrol/us-west-2';
    const line = `aws route53-recovery-cluster update-routing-control-state --routing-control-arn ${arn} --routing-control-state Off`;
    expect(parseActionCommand(line, system)).toMatchObject({
      ok: true,
      command: { type: 'drain-region', target: 'geo', params: { region: 'us-west-2' } },
      canonical: line,
    });
    const on = parseActionCommand(line.replace('Off', 'On'), system);
    expect(on.ok).toBe(false);
    if (!on.ok) expect(on.error).toContain('change-resource-record-sets');
    const notRouter = parseActionCommand(line.replace('controlpanel/geo', 'controlpanel/orders-db'), system);
    expect(notRouter.ok).toBe(false);
  });

  it('lists a weight change per weighted record and a drain per region, nothing on other calls', () => {
    const entries = commandEntries(system);
    const targets = (type: string) =>
      entries.filter((e) => e.command.type === type).map((e) => [e.command.target, e.command.params]);
    expect(targets('set-route-weight')).toEqual([
      ['geo->lb', { weight: 100 }],
      ['geo->lb-west', { weight: 100 }],
    ]);
    expect(targets('drain-region')).toEqual([
      ['geo', { region: 'us-east-1' }],
      ['geo', { region: 'us-west-2' }],
    ]);
  });
});
