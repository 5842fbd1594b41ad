import { HttpServerModule, Module } from 'keel';
import { TodoStore } from './todo-store';
import { TODO_APP, todoAppProvider } from './todo-app';

// Without a ConfigModule, CONFIG is the environment: the port comes from PORT (default 3000).
const Http = HttpServerModule.forRoot({
  handler: TODO_APP,
  port: (env: Record<string, string | undefined>) => Number(env.PORT ?? 3000),
  host: (env: Record<string, string | undefined>) => env.HOST ?? '127.0.0.1',
});

@Module({ imports: [Http], providers: [TodoStore, todoAppProvider] })
export class AppModule {}
