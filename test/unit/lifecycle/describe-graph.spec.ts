import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { buildCoreApp } from '../../helpers/build-core-app';

@injectable()
class Db {
  @OnStart() connect() {}
  @OnStop() close() {}
}
@injectable()
class Cache {}
@injectable()
class Api {
  constructor(
    readonly db: Db,
    @inject('say "hi"') readonly greeting: string,
  ) {}
  @OnStart() listen() {}
}
@Module({ providers: [Db, { provide: 'say "hi"', useValue: 'hi' }] })
class DataModule {}
@Module({ imports: [DataModule], providers: [Api, { provide: Cache, useClass: Cache, scope: 'transient' }] })
class AppModule {}

describe('graph()', () => {
  it('lists nodes with module, scope, status and hooks', async () => {
    const app = await buildCoreApp(AppModule);

    expect(app.graph().nodes).toEqual([
      { name: 'Db', module: 'DataModule', scope: 'singleton', status: 'idle', onStart: ['Db.connect'], onStop: ['Db.close'] },
      { name: 'say "hi"', module: 'DataModule', scope: 'singleton', status: 'idle', onStart: [], onStop: [] },
      { name: 'Api', module: 'AppModule', scope: 'singleton', status: 'idle', onStart: ['Api.listen'], onStop: [] },
      { name: 'Cache', module: 'AppModule', scope: 'transient', status: 'idle', onStart: [], onStop: [] },
    ]);
  });

  it('reflects statuses after start and stop', async () => {
    const app = await buildCoreApp(AppModule);

    await app.start();
    const running = app.graph().nodes.map((n) => n.status);
    await app.stop();

    expect([running, app.graph().nodes.map((n) => n.status)]).toEqual([
      ['started', 'started', 'started', 'started'],
      ['stopped', 'stopped', 'stopped', 'stopped'],
    ]);
  });

  it('lists edges and a start order with dependencies first', async () => {
    const graph = (await buildCoreApp(AppModule)).graph();

    expect(graph.edges).toEqual([
      { from: 'Api', to: 'Db' },
      { from: 'Api', to: 'say "hi"' },
    ]);
    expect(graph.startOrder).toEqual(['Db', 'say "hi"', 'Cache', 'Api']);
  });

  it('renders Mermaid with quoted labels', async () => {
    const graph = (await buildCoreApp(AppModule)).graph();

    expect(graph.toMermaid()).toBe(
      ['graph TD', '  n0["Db"]', '  n1["say #quot;hi#quot;"]', '  n2["Api"]', '  n3["Cache"]', '  n2 --> n0', '  n2 --> n1'].join('\n'),
    );
  });

  it('renders Graphviz DOT with escaped names', async () => {
    const graph = (await buildCoreApp(AppModule)).graph();

    expect(graph.toDot()).toBe(
      [
        'digraph keel {',
        '  "Db";',
        '  "say \\"hi\\"";',
        '  "Api";',
        '  "Cache";',
        '  "Api" -> "Db";',
        '  "Api" -> "say \\"hi\\"";',
        '}',
      ].join('\n'),
    );
  });
});
