import 'reflect-metadata';
import { bootstrap } from 'keel';
import { AppModule } from './app.module';

// Starts Database, then Greeter, then the HTTP server; Ctrl-C (SIGINT) or SIGTERM drains it and stops them in reverse.
void bootstrap(AppModule);
