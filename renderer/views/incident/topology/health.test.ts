import { describe, expect, it } from 'vitest';
import type { AlertState } from '../../../../simulator/engine/api';
import { alertNodeMap, classifyHealth, edgeHealth, nodeAlertLevel, nodesInExpr } from './health';

describe('classifyHealth', () => {
  it('is ok when errors and saturation are low', () => {
    expect(classifyHealth({ errorRatio: 0.001, saturation: 0.3, alert: 'none' })).toBe('ok');
  });
  it('warns on moderate errors, high saturation or a P2/P3 alert', () => {
    expect(classifyHealth({ errorRatio: 0.02, saturation: 0.1, alert: 'none' })).toBe('warn');
    expect(classifyHealth({ errorRatio: 0, saturation: 0.85, alert: 'none' })).toBe('warn');
    expect(classifyHealth({ errorRatio: 0, saturation: 0.1, alert: 'warn' })).toBe('warn');
  });
  it('is critical on heavy errors, full saturation or a firing page', () => {
    expect(classifyHealth({ errorRatio: 0.2, saturation: 0.1, alert: 'none' })).toBe('crit');
    expect(classifyHealth({ errorRatio: 0, saturation: 1, alert: 'none' })).toBe('crit');
    expect(classifyHealth({ errorRatio: 0, saturation: 0, alert: 'crit' })).toBe('crit');
  });
  it('is unknown before any data, and NaN in one signal does not hide the other', () => {
    expect(classifyHealth({ errorRatio: Number.NaN, saturation: Number.NaN, alert: 'none' })).toBe('unknown');
    expect(classifyHealth({ errorRatio: Number.NaN, saturation: 0.99, alert: 'none' })).toBe('crit');
    expect(classifyHealth({ errorRatio: 0, saturation: Number.NaN, alert: 'none' })).toBe('ok');
    expect(classifyHealth({ errorRatio: Number.NaN, saturation: Number.NaN, alert: 'crit' })).toBe('crit');
  });
});

describe('edgeHealth', () => {
  it('grades by error ratio', () => {
    expect(edgeHealth(Number.NaN)).toBe('unknown');
    expect(edgeHealth(0)).toBe('ok');
    expect(edgeHealth(0.02)).toBe('warn');
    expect(edgeHealth(0.5)).toBe('crit');
  });
});

describe('alert to node matching', () => {
  it("finds the node labels of the Prometheus view, but not != matchers or a call's callee", () => {
    expect(nodesInExpr('sum(rate(http_requests_total{service="checkout", code=~"5.."}[1m])) > 1')).toEqual([
      'checkout',
    ]);
    expect(
      nodesInExpr('avg_over_time(k8s_container_cpu_limit_utilization_ratio{ container = "api" }[1m]) >= 0.9'),
    ).toEqual(['api']);
    expect(
      nodesInExpr('redis_memory_used_bytes{instance="cache:6379"} > 1 and pg_slow_queries{datname="db"} > 1'),
    ).toEqual(['cache', 'db']);
    expect(nodesInExpr('http_client_requests_total{service="a", server_address="b"} > 0.1')).toEqual(['a']);
    expect(nodesInExpr('http_requests_total{service!="batch"} > 0.1')).toEqual([]);
    expect(nodesInExpr('not promql (')).toEqual([]);
  });

  it('levels a node by its strongest firing alert', () => {
    const map = alertNodeMap([
      { name: 'CheckoutErrors', expr: 'http_requests_total{service="checkout", code="500"} > 0.05' },
      { name: 'DbSlow', expr: 'pg_slow_queries{datname="orders-db"} > 3' },
      {
        name: 'CheckoutLatency',
        expr: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[1m]))) > 1',
      },
    ]);
    const state = (
      name: string,
      status: AlertState['status'],
      severity: AlertState['severity'],
    ): AlertState => ({
      name,
      status,
      severity,
      since: 0,
      value: 1,
      route: 'page',
    });
    expect(nodeAlertLevel('checkout', [state('CheckoutErrors', 'pending', 'P1')], map)).toBe('none');
    expect(nodeAlertLevel('checkout', [state('CheckoutLatency', 'firing', 'P3')], map)).toBe('warn');
    expect(
      nodeAlertLevel(
        'checkout',
        [state('CheckoutLatency', 'firing', 'P3'), state('CheckoutErrors', 'firing', 'P0')],
        map,
      ),
    ).toBe('crit');
    expect(nodeAlertLevel('orders-db', [state('CheckoutErrors', 'firing', 'P0')], map)).toBe('none');
  });
});
