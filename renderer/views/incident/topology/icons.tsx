/** Small stroke icons, one per node kind (currentColor, 16 px). */
import { NODE_KIND_CATALOG, NODE_KINDS } from '../../../../simulator/scenario/node-kinds';
import type { NodeKind } from '../../../../simulator/scenario/schema';

export const KIND_ICON_PATHS: Readonly<Record<NodeKind, string>> = {
  // a person
  client: 'M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2.5 14.5c.6-3 2.8-4.5 5.5-4.5s4.9 1.5 5.5 4.5',
  // one in, three out
  loadbalancer: 'M1.5 8h4M5.5 8l8-5M5.5 8h8M5.5 8l8 5M12 2l1.5 1-0.6 1.6M12 14l1.5-1-0.6-1.6',
  // a hexagon (a pod)
  service: 'M8 1.5l5.6 3.25v6.5L8 14.5l-5.6-3.25v-6.5zM8 1.5v6.5M2.4 4.75L8 8l5.6-3.25',
  // a cylinder
  database:
    'M2.5 3.5c0-1.1 2.5-2 5.5-2s5.5.9 5.5 2-2.5 2-5.5 2-5.5-.9-5.5-2zM2.5 3.5v9c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2v-9M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2',
  // a lightning bolt
  cache: 'M9.5 1.5L3.5 9h4l-1 5.5 6-7.5h-4z',
  // stacked messages
  queue: 'M2 3h12v2.5H2zM2 6.75h12v2.5H2zM2 10.5h12V13H2z',
  // a globe
  dns: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM1.5 8h13M8 1.5c2 2 2.8 4.2 2.8 6.5S10 12.5 8 14.5M8 1.5C6 3.5 5.2 5.7 5.2 8S6 12.5 8 14.5',
  // a cloud
  external: 'M4.5 12.5a3 3 0 0 1-.4-6 4 4 0 0 1 7.7-.8 3.4 3.4 0 0 1 .7 6.8z',
};

export function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  return (
    <svg
      className="kind-icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.3}
      strokeLinejoin="round"
      strokeLinecap="round"
      aria-hidden="true"
    >
      <path d={KIND_ICON_PATHS[kind]} />
    </svg>
  );
}

/** Display names, from the catalog (simulator/scenario/node-kinds.ts). */
export const KIND_NAMES: Readonly<Record<NodeKind, string>> = Object.fromEntries(
  NODE_KINDS.map((kind) => [kind, NODE_KIND_CATALOG[kind].label]),
) as Record<NodeKind, string>;
