/** `help`: every command the investigation shell answers, with the names of this scenario. */
import { nodesOfKind, type ShellContext } from './context';
import { redisNodes } from './redis-cli';
import { databases } from './psql';
import { workloads } from './workloads';

const ROUTE53_HELP = `  aws route53 list-hosted-zones | list-health-checks
  aws route53 list-resource-record-sets --hosted-zone-id ZONE   (weighted records: weights, TTL)
  aws route53 get-health-check-status --health-check-id ID      (what Route 53's checkers see)
`;

export function help(ctx: ShellContext): string {
  const redis = redisNodes(ctx)[0]?.id ?? 'REDIS-HOST';
  const queue = nodesOfKind(ctx, 'queue')[0]?.id ?? 'KEY';
  const db = databases(ctx)[0]?.id ?? 'DB-HOST';
  const svc = workloads(ctx).find((w) => w.kind === 'service')?.id ?? 'SERVICE';
  return `Read-only investigation shell. Commands answer from the running system.
Changes (scale, rollback, restart, kill queries...) are actions: press Ctrl+K.

  kubectl get pods|deploy|hpa|events|nodes [NAME] [-n NAMESPACE | -A] [-o wide]
  kubectl describe pod|deploy|hpa NAME
  kubectl top pods|nodes
  kubectl logs POD|deploy/NAME [--previous] [--tail N]
  kubectl rollout history|status deploy/NAME
  redis-cli -h HOST INFO [memory|clients|stats]     e.g. redis-cli -h ${redis} INFO memory
  redis-cli -h HOST LLEN KEY | CONFIG GET maxmemory  e.g. redis-cli -h ${redis} LLEN ${queue}
  psql [-h HOST] -c "SQL"                             e.g. psql -h ${db} -c "select state, count(*) from pg_stat_activity group by state"
      pg_stat_activity: count(*), state + count(*) group by state, now() - query_start (long-running)
      pg_stat_statements: select query, calls, total_exec_time from pg_stat_statements order by total_exec_time desc limit 5
  dig NAME | dig +search +showsearch NAME   (what the pod's resolv.conf search path and ndots do)
  nslookup NAME
  cat /etc/resolv.conf
  curl -s -o /dev/null -w '%{http_code} %{time_total}\\n' http://${svc}/
${ctx.routes.length > 0 ? ROUTE53_HELP : ''}  help, clear (Ctrl+L); Tab completes, Up/Down recall history.

Namespaces: services run in "default", cluster DNS in "kube-system".`;
}
