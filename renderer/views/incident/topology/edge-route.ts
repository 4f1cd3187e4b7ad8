/**
 * Edges that go around nodes: dagre routes an edge that spans several columns through a slot of
 * its own in each column it crosses (a dummy node), so it never passes behind a node it does not
 * connect (orders -> orders-db used to cross pricing and read as pricing -> orders-db). The path
 * runs from the source handle through those waypoints to the target handle as one smooth curve:
 * cubic segments with horizontal tangents at every point. Pure, so tests check the geometry.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** One cubic segment between two points with horizontal tangents at both ends. */
function controls(a: Point, b: Point): [Point, Point] {
  const dx = (b.x - a.x) / 2;
  return [
    { x: a.x + dx, y: a.y },
    { x: b.x - dx, y: b.y },
  ];
}

function cubicAt(a: Point, c1: Point, c2: Point, b: Point, t: number): Point {
  const u = 1 - t;
  const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t] as const;
  return {
    x: w[0] * a.x + w[1] * c1.x + w[2] * c2.x + w[3] * b.x,
    y: w[0] * a.y + w[1] * c1.y + w[2] * c2.y + w[3] * b.y,
  };
}

/** The SVG path through `points` (at least two), and where its label sits (its middle). */
export function routedPath(points: readonly Point[]): { path: string; labelX: number; labelY: number } {
  const first = points[0] ?? { x: 0, y: 0 };
  let path = `M${first.x},${first.y}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const [c1, c2] = controls(a, b);
    path += ` C${c1.x},${c1.y} ${c2.x},${c2.y} ${b.x},${b.y}`;
  }
  const segments = points.length - 1;
  let label: Point = first;
  if (segments >= 1) {
    if (segments % 2 === 0) label = points[segments / 2] as Point;
    else {
      const a = points[(segments - 1) / 2] as Point;
      const b = points[(segments + 1) / 2] as Point;
      const [c1, c2] = controls(a, b);
      label = cubicAt(a, c1, c2, b, 0.5);
    }
  }
  return { path, labelX: label.x, labelY: label.y };
}

/** Points along the drawn curve (`perSegment` per cubic), for geometry checks. */
export function sampleRoute(points: readonly Point[], perSegment = 24): Point[] {
  const out: Point[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const [c1, c2] = controls(a, b);
    for (let k = 0; k <= perSegment; k++) out.push(cubicAt(a, c1, c2, b, k / perSegment));
  }
  return out;
}
