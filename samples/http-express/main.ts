import 'reflect-metadata';
import { bootstrap } from 'keel';
import { AppModule } from './app.module';

// An Express app as HttpServerModule's handler: TodoStore opens, then the server listens;
// SIGTERM turns /readyz to 503, drains, closes the server, then closes the store.
void bootstrap(AppModule);
