import { createRandom, shuffled } from './random';

/** One generated service: `deps` are ids of services in the layer below. */
export interface ServiceSpec {
  id: number;
  name: string;
  layer: number;
  deps: readonly number[];
}

export interface GraphShape {
  /** Number of layers (D); layer 0 has no dependencies. */
  layers: number;
  /** Services per layer (W). */
  width: number;
  seed: number;
}

/** A layered DAG, identical for a given shape on every framework. */
export interface LayeredGraph extends GraphShape {
  /** Indexed by id; ids are layer-major, so layer 0 comes first. */
  services: readonly ServiceSpec[];
  /** The order every framework declares its providers in: a seeded shuffle, so none can lean on it. */
  declarationOrder: readonly number[];
  edgeCount: number;
}

/** D x W services; each service above layer 0 depends on 2-3 distinct services of the layer right below. */
export function generateLayeredGraph(shape: GraphShape): LayeredGraph {
  const { layers, width, seed } = shape;
  const random = createRandom(seed);
  const services: ServiceSpec[] = [];
  let edgeCount = 0;
  for (let layer = 0; layer < layers; layer++) {
    const below = Array.from({ length: layer === 0 ? 0 : width }, (_, i) => (layer - 1) * width + i);
    for (let index = 0; index < width; index++) {
      const count = Math.min(below.length, random.int(2, 3));
      const deps = shuffled(below, random).slice(0, count);
      edgeCount += deps.length;
      services.push({ id: services.length, name: `Svc${layer}x${index}`, layer, deps });
    }
  }
  const declarationOrder = shuffled(
    services.map((s) => s.id),
    random,
  );
  return { ...shape, services, declarationOrder, edgeCount };
}

/** Dependencies first: the declaration order, stably sorted by layer (the raw-inversify baseline walks this). */
export function topologicalOrder(graph: LayeredGraph): number[] {
  return [...graph.declarationOrder].sort((a, b) => graph.services[a]!.layer - graph.services[b]!.layer);
}

/** The longest chain of hook durations through the graph: the least wall time any start (or stop) can take. */
export function criticalPath(graph: LayeredGraph, durationOf: (id: number) => number): { ms: number; path: number[] } {
  const longest: number[] = [];
  const via: (number | undefined)[] = [];
  let end = 0;
  for (const service of graph.services) {
    let before = 0;
    let from: number | undefined;
    for (const dep of service.deps) {
      if (longest[dep]! > before) {
        before = longest[dep]!;
        from = dep;
      }
    }
    longest[service.id] = before + durationOf(service.id);
    via[service.id] = from;
    if (longest[service.id]! > longest[end]!) end = service.id;
  }
  const path: number[] = [];
  for (let at: number | undefined = end; at !== undefined; at = via[at]) path.unshift(at);
  return { ms: longest[end] ?? 0, path };
}
