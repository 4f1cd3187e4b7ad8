import { describe, expect, it } from 'vitest';
import { alertRoute } from '../../scenario/schema';
import { compileRoute, groupLabels, matchRoutes, receiverFor, ROUTE_DEFAULTS } from './routes';

/**
 * The routing example of Alertmanager's configuration docs, with its receivers mapped onto ours:
 * default-receiver -> email, database-pager -> page, frontend-pager -> chat.
 */
const docsRoute = alertRoute.parse({
  receiver: 'email',
  group_wait: '30s',
  group_interval: '5m',
  repeat_interval: '4h',
  group_by: ['cluster', 'alertname'],
  routes: [
    { receiver: 'page', group_wait: '10s', matchers: ['service=~"mysql|cassandra"'] },
    { receiver: 'chat', group_by: ['product', 'environment'], matchers: ['team="frontend"'] },
  ],
});

describe('the route tree (docs example)', () => {
  const root = compileRoute(docsRoute);
  it.each([
    [{ alertname: 'DiskFull', service: 'mysql', cluster: 'eu' }, 'alerting.route.routes[0]', 'page', 10],
    [{ alertname: 'DiskFull', service: 'cassandra' }, 'alerting.route.routes[0]', 'page', 10],
    // Regexps are anchored: "mysql-proxy" is not "mysql".
    [{ alertname: 'DiskFull', service: 'mysql-proxy' }, 'alerting.route', 'email', 30],
    [{ alertname: 'Latency', team: 'frontend', product: 'shop' }, 'alerting.route.routes[1]', 'chat', 30],
    // The first matching child wins (no continue): the database route, not the frontend one.
    [{ alertname: 'X', service: 'mysql', team: 'frontend' }, 'alerting.route.routes[0]', 'page', 10],
    [{ alertname: 'Other' }, 'alerting.route', 'email', 30],
  ])('%o goes to %s (%s, group_wait %d s)', (labels, id, receiver, groupWait) => {
    const routes = matchRoutes(root, labels);
    expect(routes.map((r) => r.id)).toEqual([id]);
    expect(routes[0]!.receiver).toBe(receiver);
    expect(routes[0]!.groupWait).toBe(groupWait);
  });

  it('children inherit group_by and the timers they do not set', () => {
    const [db, frontend] = root.routes;
    expect(db).toMatchObject({
      groupBy: ['cluster', 'alertname'],
      groupInterval: 300,
      repeatInterval: 14400,
    });
    expect(frontend).toMatchObject({ groupBy: ['product', 'environment'], groupWait: 30 });
    expect(groupLabels(frontend!, { alertname: 'L', product: 'shop', team: 'frontend' })).toEqual({
      product: 'shop',
    });
  });

  it("takes Alertmanager's defaults where the root sets nothing, and '...' groups by every label", () => {
    const bare = compileRoute(alertRoute.parse({ routes: [{ group_by: ['...'], matchers: ['a="1"'] }] }));
    expect(bare).toMatchObject({ receiver: 'page', groupBy: [], ...ROUTE_DEFAULTS });
    expect(bare.routes[0]).toMatchObject({ receiver: 'page', groupBy: 'all' });
    expect(groupLabels(bare.routes[0]!, { a: '1', b: '2' })).toEqual({ a: '1', b: '2' });
  });

  it('continue: the alert also goes on to the next matching routes', () => {
    const route = alertRoute.parse({
      receiver: 'email',
      routes: [
        { receiver: 'chat', matchers: ['team="db"'], continue: true },
        { receiver: 'page', matchers: ['severity="P1"'] },
        { receiver: 'email', matchers: ['team="db"'] },
      ],
    });
    const ids = (labels: Record<string, string>) => matchRoutes(compileRoute(route), labels).map((r) => r.id);
    expect(ids({ team: 'db', severity: 'P1' })).toEqual([
      'alerting.route.routes[0]',
      'alerting.route.routes[1]',
    ]);
    expect(ids({ team: 'db', severity: 'P3' })).toEqual([
      'alerting.route.routes[0]',
      'alerting.route.routes[2]',
    ]);
    // With continue, a rule pages when any of its routes pages.
    expect(receiverFor(route, { team: 'db', severity: 'P1' })).toBe('page');
    expect(receiverFor(route, { team: 'db', severity: 'P3' })).toBe('chat');
  });
});
