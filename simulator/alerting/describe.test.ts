import { describe, expect, it } from 'vitest';
import { alertNodes, alertUnit } from './describe';

describe('what the console reads off an alert', () => {
  it('the unit of its value', () => {
    expect(
      alertUnit(
        'sum(rate(http_requests_total{service="a", code=~"5.."}[1m])) / sum(rate(http_requests_total{service="a"}[1m])) > 0.05',
      ),
    ).toBe('ratio');
    expect(
      alertUnit('histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[1m]))) > 2'),
    ).toBe('seconds');
    expect(alertUnit('container_memory_working_set_bytes{container="a"} / 1024 / 1024 > 450')).toBe('mb');
    expect(alertUnit('sum(rate(coredns_dns_requests_total[1m])) > 8000')).toBe('rps');
    expect(alertUnit('queue_oldest_message_age_seconds > 30')).toBe('seconds');
    expect(alertUnit('pg_stat_activity_count > 90')).toBeUndefined();
    expect(alertUnit('not (promql')).toBeUndefined();
  });

  it('the nodes it watches', () => {
    expect(
      alertNodes(
        'redis_key_size{key="jobs"} > 1 or kube_deployment_status_replicas_available{deployment="w"} < 1',
      ),
    ).toEqual(['jobs', 'w']);
  });
});
