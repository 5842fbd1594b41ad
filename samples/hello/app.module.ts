import { ConfigModule, HttpServerModule, LOGGER, Module } from 'keel';
import { helloConfig, type HelloConfig } from './config';
import { Database } from './database';
import { Greeter } from './greeter';
import { HELLO_ROUTES, helloRoutes } from './routes';

// The server injects HELLO_ROUTES, which injects Greeter, which injects Database: so it listens
// last and, on SIGTERM, turns /readyz to 503, drains, and closes before the Database disconnects.
const Http = HttpServerModule.forRoot({
  handler: HELLO_ROUTES,
  port: (config: HelloConfig) => config.PORT,
  host: (config: HelloConfig) => config.HOST,
});

@Module({
  imports: [ConfigModule.forRoot({ schema: helloConfig }), Http],
  providers: [Database, Greeter, { provide: HELLO_ROUTES, useFactory: helloRoutes, inject: [Greeter, LOGGER] }],
})
export class AppModule {}
