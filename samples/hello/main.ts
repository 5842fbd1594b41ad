import 'reflect-metadata';
import { bootstrap } from 'keel';
import { AppModule } from './app.module';

// Starts Database, then Greeter, then HttpServer; Ctrl-C (SIGINT) or SIGTERM stops them in reverse.
void bootstrap(AppModule);
