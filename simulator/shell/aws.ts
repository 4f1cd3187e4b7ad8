/**
 * `aws route53 ...`, read-only, in the AWS CLI's JSON output: the hosted zone, the weighted
 * records of every traffic router (their weights as set-route-weight and drain-region left them)
 * and the health checks Route 53 runs on each target, as they stand now. Changing a weight is an
 * action (Ctrl+K, `aws route53 change-resource-record-sets`), not a shell command.
 */
import { ROUTING_DEFAULTS } from '../engine/routing';
import { fail, finite, nodeById, ok, type ShellContext, type ShellResult } from './context';
import { hash32, wallClock } from './format';

/** The one hosted zone every router's records live in. */
export const HOSTED_ZONE_ID = 'Z0OUTAGELAB7Q2';
const ZONE_NAME = 'outage.lab.';

const json = (value: unknown): string => JSON.stringify(value, null, 4);
const healthCheckId = (target: string): string => {
  const h = hash32(`hc:${target}`).toString(16).padStart(8, '0');
  return `${h}-${h.slice(0, 4)}-4${h.slice(1, 4)}-8${h.slice(4, 7)}-${target.length.toString(16).padStart(4, '0')}${h}`;
};

/** Route 53's checkers: a few of its regions, each reporting its last observation. */
const CHECKERS = [
  ['us-east-1', '15.177.2.1'],
  ['eu-west-1', '15.177.62.1'],
  ['ap-southeast-1', '15.177.34.1'],
] as const;

function routingOf(ctx: ShellContext, router: string) {
  const node = nodeById(ctx, router);
  const lb = node?.kind === 'loadbalancer' ? node : undefined;
  const routing = lb?.routing;
  return {
    ttl: routing?.ttl ?? ROUTING_DEFAULTS.ttl,
    healthChecks: routing?.healthChecks ?? ROUTING_DEFAULTS.healthChecks,
    failureThreshold: routing?.failureThreshold ?? ROUTING_DEFAULTS.failureThreshold,
    interval: Math.max(1, lb?.healthCheckInterval ?? 30),
    checkTimeout: routing?.checkTimeout ?? ROUTING_DEFAULTS.checkTimeout,
  };
}

const usage = `usage: aws route53 list-hosted-zones
       aws route53 list-resource-record-sets --hosted-zone-id ${HOSTED_ZONE_ID}
       aws route53 list-health-checks
       aws route53 get-health-check-status --health-check-id ID`;

/** Options as the AWS CLI takes them (`--name value`), and the first word: the operation. */
function options(args: readonly string[]): { op?: string; opts: Map<string, string>; error?: string } {
  const opts = new Map<string, string>();
  let op: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word.startsWith('--')) {
      const [name, inline] = word.split('=', 2) as [string, string | undefined];
      const value = inline ?? args[++i];
      if (value === undefined) return { opts, error: `aws: error: argument ${name}: expected one argument` };
      opts.set(name, value);
    } else if (op === undefined) op = word;
    else return { opts, error: `aws: error: unrecognized arguments: ${word}` };
  }
  return { op, opts };
}

export function aws(ctx: ShellContext, args: readonly string[]): ShellResult {
  const [service, ...rest] = args;
  if (service !== 'route53')
    return fail(
      service === undefined
        ? usage
        : `aws ${service}: this console reads Route 53 only (aws route53 ...); other AWS changes are actions (Ctrl+K)`,
      service === undefined ? 2 : 1,
    );
  const { op, opts, error } = options(rest);
  if (error) return fail(error, 252);
  switch (op) {
    case 'list-hosted-zones':
      return ok(
        json({
          HostedZones: [
            {
              Id: `/hostedzone/${HOSTED_ZONE_ID}`,
              Name: ZONE_NAME,
              CallerReference: 'outage-lab',
              Config: { PrivateZone: false },
              ResourceRecordSetCount: 2 + ctx.routes.length,
            },
          ],
        }),
      );
    case 'list-resource-record-sets': {
      const zone = opts.get('--hosted-zone-id')?.replace(/^\/hostedzone\//, '');
      if (zone === undefined)
        return fail('aws: error: the following arguments are required: --hosted-zone-id', 252);
      if (zone !== HOSTED_ZONE_ID)
        return fail(
          `An error occurred (NoSuchHostedZone) when calling the ListResourceRecordSets operation: No hosted zone found with ID: ${zone}`,
          254,
        );
      return ok(
        json({
          ResourceRecordSets: ctx.routes.map((r) => {
            const routing = routingOf(ctx, r.router);
            return {
              // The router's name, as change-resource-record-sets takes it back.
              Name: `${r.router}.`,
              Type: 'CNAME',
              SetIdentifier: r.target,
              Weight: r.weight,
              TTL: routing.ttl,
              ResourceRecords: [{ Value: `${r.target}.${ZONE_NAME}` }],
              ...(routing.healthChecks ? { HealthCheckId: healthCheckId(r.target) } : {}),
            };
          }),
        }),
      );
    }
    case 'list-health-checks':
      return ok(
        json({
          HealthChecks: ctx.routes
            .filter((r) => routingOf(ctx, r.router).healthChecks)
            .map((r) => {
              const routing = routingOf(ctx, r.router);
              return {
                Id: healthCheckId(r.target),
                CallerReference: `${r.router}-${r.target}`,
                HealthCheckConfig: {
                  Port: 443,
                  Type: 'HTTPS',
                  ResourcePath: '/healthz',
                  FullyQualifiedDomainName: `${r.target}.${ZONE_NAME}`,
                  RequestInterval: routing.interval,
                  FailureThreshold: routing.failureThreshold,
                },
                HealthCheckVersion: 1,
              };
            }),
        }),
      );
    case 'get-health-check-status': {
      const id = opts.get('--health-check-id');
      if (id === undefined)
        return fail('aws: error: the following arguments are required: --health-check-id', 252);
      const route = ctx.routes.find(
        (r) => healthCheckId(r.target) === id && routingOf(ctx, r.router).healthChecks,
      );
      if (!route)
        return fail(
          `An error occurred (NoSuchHealthCheck) when calling the GetHealthCheckStatus operation: A health check with id ${id} does not exist.`,
          254,
        );
      const routing = routingOf(ctx, route.router);
      // Each checker's last probe ran within the last interval, staggered.
      const observations = CHECKERS.map(([region, ip], k) => ({
        Region: region,
        IPAddress: ip,
        StatusReport: {
          Status: route.healthy
            ? 'Success: HTTP Status Code 200, OK'
            : failure(ctx, route.target, routing.checkTimeout),
          CheckedTime: wallClock(
            Math.max(0, ctx.time - (((k * routing.interval) / CHECKERS.length) % routing.interval)),
          ).toISOString(),
        },
      }));
      return ok(json({ HealthCheckObservations: observations }));
    }
    case undefined:
      return fail(usage, 2);
    default:
      if (
        op.startsWith('change-') ||
        op.startsWith('create-') ||
        op.startsWith('delete-') ||
        op.startsWith('update-')
      )
        return fail(`aws route53 ${op}: changes are actions here: press Ctrl+K`, 1);
      return fail(`aws: error: argument operation: Invalid choice: '${op}'\n${usage}`, 252);
  }
}

/** What a failing check reports: a timeout when the target answers too slowly, else its 5xx. */
function failure(ctx: ShellContext, target: string, checkTimeout: number): string {
  const p50 = finite(ctx.metric('latency_p50', target));
  if (p50 > checkTimeout)
    return 'Failure: Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall. See https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-router-firewall-rules.html';
  return 'Failure: HTTP Status Code 503, Service Unavailable. Resolved IP: 10.0.0.1';
}
