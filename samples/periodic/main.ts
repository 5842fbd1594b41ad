import 'reflect-metadata';
import { bootstrap } from 'keel';
import { AppModule } from './app.module';

// The jobs begin once every service has started; on SIGTERM they are aborted and awaited, then HttpServer and the rest stop in reverse.
void bootstrap(AppModule);
