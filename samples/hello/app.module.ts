import { ConfigModule, Module } from 'keel';
import { helloConfig } from './config';
import { Database } from './database';
import { Greeter } from './greeter';
import { HttpServer } from './http-server';

@Module({
  imports: [ConfigModule.forRoot({ schema: helloConfig })],
  providers: [Database, Greeter, HttpServer],
})
export class AppModule {}
