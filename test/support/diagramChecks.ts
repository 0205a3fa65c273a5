/**
 * Checks shared by the diagram tests, written from the definitions (a rectangle, a directed graph), not
 * from the diagram code: where a point lies relative to a box, which boxes overlap, and the structure of
 * a diagram's node/edge graph.
 */

/** A drawn rectangle, as a Plotly rect shape stores it. */
export interface Rect {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/**
 * Whether (px, py) lies on the border of `rect`: inside the closed rectangle and within `tol` of one of
 * its four sides. The default 1e-9 diagram units is far above the round-off of coordinates of order 10
 * (≈ 1e-15) and far below any drawn distance.
 */
export function onRectBorder(px: number, py: number, rect: Rect, tol = 1e-9): boolean {
  const inside = px >= rect.x0 - tol && px <= rect.x1 + tol && py >= rect.y0 - tol && py <= rect.y1 + tol;
  const toSide = Math.min(Math.abs(px - rect.x0), Math.abs(px - rect.x1), Math.abs(py - rect.y0), Math.abs(py - rect.y1));
  return inside && toSide < tol;
}

/** The index pairs [i, j] (i < j) of rectangles whose interiors overlap (touching edges do not count). */
export function overlappingPairs(rects: readonly Rect[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const [a, b] = [rects[i], rects[j]];
      if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) pairs.push([i, j]);
    }
  }
  return pairs;
}

/** A directed edge between node ids. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
}

/** What is wrong with a node/edge list: repeated ids and edges naming a node that does not exist (empty when sound). */
export function graphProblems(nodes: readonly { id: string }[], edges: readonly GraphEdge[]): string[] {
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const n of nodes) {
    if (ids.has(n.id)) problems.push(`node id ${n.id} repeated`);
    ids.add(n.id);
  }
  edges.forEach((e, k) => {
    if (!ids.has(e.from)) problems.push(`edges[${k}].from = ${e.from} is not a node`);
    if (!ids.has(e.to)) problems.push(`edges[${k}].to = ${e.to} is not a node`);
  });
  return problems;
}

/** The nodes reachable from `start` along the edges (start included), never entering a node of `blocked`. */
export function reachableFrom(edges: readonly GraphEdge[], start: string, blocked: readonly string[] = []): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const e of edges) {
      if (e.from === v && !blocked.includes(e.to) && !seen.has(e.to)) {
        seen.add(e.to);
        stack.push(e.to);
      }
    }
  }
  return seen;
}

/** Whether the directed graph has a cycle: some node reaches itself through at least one edge. */
export function hasCycle(edges: readonly GraphEdge[]): boolean {
  return edges.some((e) => reachableFrom(edges, e.to).has(e.from));
}
