import 'reflect-metadata';
import pino from 'pino';
import { LOGGER, Module, adaptPino, bootstrap } from 'keel';
import { AppModule as HelloModule } from '../hello/app.module';

// samples/hello with pino as LOGGER, in one provider: every service's child logger is a pino
// child ({ service: 'Database' } on each line), keel's own lines go through it too, and keel
// flushes and closes it before the process exits, so no line is lost on SIGTERM.
@Module({
  imports: [HelloModule],
  providers: [{ provide: LOGGER, useValue: adaptPino(pino({ level: process.env['LOG_LEVEL'] ?? 'info' })) }],
})
class AppModule {}

void bootstrap(AppModule);
