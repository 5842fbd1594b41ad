import type { Container } from 'inversify';
import { MissingProviderError, InvalidProviderError } from '../errors';
import type { BindingRecord, DeclaredDependency } from '../module/bind-providers';
import { boundClassMetadata, checkedClassMetadata, constructorSite, describeConstructor, isManaged } from '../module/class-metadata';
import { tokenName, unwrapToken, type Token } from '../module/token';
import { DependencyGraph } from './dependency-graph';
import { getHooks } from './hook-decorators';
import { ServiceNode } from './service-node';

export interface ServiceGraph {
  graph: DependencyGraph<ServiceNode>;
  byToken: Map<Token, ServiceNode>;
}

/**
 * Builds the dependency graph from static metadata alone, before anything is
 * constructed, and fails on a missing provider, a cycle, or a transient service
 * with lifecycle hooks. Optional dependencies that are unbound add no edge.
 */
export function buildServiceGraph(container: Container, records: readonly BindingRecord[]): ServiceGraph {
  const graph = new DependencyGraph<ServiceNode>();
  const byToken = new Map<Token, ServiceNode>();
  const names = new Map<string, number>();
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const base = tokenName(record.token);
    const seen = names.get(base) ?? 0;
    names.set(base, seen + 1);
    const node = new ServiceNode(seen === 0 ? base : `${base} (${seen + 1})`, record);
    byToken.set(record.token, node);
    graph.add(node);
  }
  const context = { container, graph, byToken };
  const nodes = graph.nodes;
  // Indexed loops on the per-service path: at build most of this code still runs unoptimized,
  // where for-of pays the iterator protocol per element.
  for (let i = 0; i < nodes.length; i++) addStaticEdges(nodes[i]!, context);
  graph.assertAcyclic();
  return { graph, byToken };
}

interface EdgeContext extends ServiceGraph {
  container: Container;
}

/** TRANSIENT_LIFECYCLE: a transient has many instances, so no single start or stop. */
export function transientWithHooks(node: ServiceNode): InvalidProviderError {
  return new InvalidProviderError(`"${node.name}" is transient but has lifecycle hooks.`, {
    code: 'TRANSIENT_LIFECYCLE',
    path: [...node.binding.path, node.name],
    hint: 'a transient has many instances and no single start or stop; make it a singleton (inSingletonScope() for a raw binding) or move the hooks.',
  });
}

/** Adds the edges of one node; also used for services added while running. */
export function addStaticEdges(node: ServiceNode, context: EdgeContext): void {
  const { binding } = node;
  const source = binding.source;
  if (source.kind === 'class' && binding.scope === 'transient' && getHooks(source.useClass).length > 0) {
    throw transientWithHooks(node);
  }
  const { byToken, graph, container } = context;
  if (source.kind === 'class') {
    // Straight from inversify's metadata: a dependency becomes an object (with its site) only in an error.
    // Constructor arguments are linked written out, not through link(): they are every class's
    // dependencies, and as a call per dependency link() is hot enough at a thousand services for V8
    // to optimize it, which costs more than it saves at that size. Properties and the other
    // provider kinds are rare, so they share link().
    const metadata = boundClassMetadata(source.useClass) ?? checkedClassMetadata(source.useClass, binding.path, node.name);
    const args = metadata.constructorArguments;
    for (let i = 0; i < args.length; i++) {
      const element = args[i]!;
      if (!isManaged(element)) continue;
      const token = unwrapToken(element.value);
      const target = byToken.get(token);
      if (target !== undefined) graph.addEdge(node, target);
      else if (!element.optional && !container.isBound(token)) throw missingProvider(node, token, constructorSite(i));
    }
    if (metadata.properties.size === 0) return;
    for (const [key, element] of metadata.properties) {
      if (isManaged(element)) link(node, context, unwrapToken(element.value), element.optional, `property "${String(key)}"`);
    }
    return;
  }
  for (const { token, optional, site } of otherDependencies(source)) link(node, context, token, optional, site);
}

/** An edge from `node` to the node providing `token`; a missing provider is an error unless optional or bound outside keel. */
function link(node: ServiceNode, { byToken, graph, container }: EdgeContext, token: Token, optional: boolean, site: string): void {
  const target = byToken.get(token);
  if (target !== undefined) graph.addEdge(node, target);
  else if (!optional && !container.isBound(token)) throw missingProvider(node, token, site);
}

function otherDependencies(source: BindingRecord['source']): readonly DeclaredDependency[] {
  switch (source.kind) {
    case 'factory':
      return source.inject.map((input, i) => ({ ...input, site: `factory input #${i + 1}` }));
    case 'existing':
      return [{ token: source.target, optional: false, site: 'useExisting target' }];
    default:
      return [];
  }
}

/** `site`: where the dependency was declared (DeclaredDependency's). */
function missingProvider(node: ServiceNode, token: Token, site: string): MissingProviderError {
  const path = [...node.binding.path, node.name];
  const missing = tokenName(token);
  const source = node.binding.source;
  let where = `${site} of ${node.name}`;
  const constructorIndex = /^constructor argument #(\d+)$/.exec(site);
  if (constructorIndex && source.kind === 'class') {
    where = `${site} of ${describeConstructor(source.useClass, Number(constructorIndex[1]) - 1)}`;
  }
  const root = path[0] ?? 'the root module';
  const typeless = token === Object || token === Function;
  const hint = typeless
    ? `the parameter's declared type is an interface, a union or a type alias, which has no runtime value: add @inject(TOKEN) and provide TOKEN.`
    : `add ${missing} to the providers of a module that ${root} imports.`;
  return new MissingProviderError(`No provider for "${missing}" (${where}).`, { path: [...path, missing], hint });
}
