import { ConfigModule, Module } from 'keel';
import { periodicConfig } from './config';
import { DailyReport } from './daily-report';
import { HttpServer } from './http-server';
import { OrderConsumer } from './order-consumer';
import { SessionStore } from './session-store';
import { WorkQueue } from './work-queue';

@Module({
  imports: [ConfigModule.forRoot({ schema: periodicConfig })],
  providers: [WorkQueue, SessionStore, OrderConsumer, DailyReport, HttpServer],
})
export class AppModule {}
