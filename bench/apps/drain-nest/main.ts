import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/** How long each request takes, ms (the same as drain-keel). */
const WORK_MS = Number(process.env['WORK_MS'] ?? 5);
/** FORCE_CLOSE=1: NestFactory.create(..., { forceCloseConnections: true }). */
const FORCE_CLOSE = process.env['FORCE_CLOSE'] === '1';

@Controller()
class WorkController {
  @Get()
  async work(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, WORK_MS));
    return 'ok';
  }
}

@Module({ controllers: [WorkController] })
class DrainNestModule {}

/** W9's NestJS 12 app: the same route on @nestjs/platform-express, enableShutdownHooks() as its docs say. */
async function main(): Promise<void> {
  const app = await NestFactory.create(DrainNestModule, { logger: false, forceCloseConnections: FORCE_CLOSE });
  app.enableShutdownHooks();
  await app.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ message: `ready on http://127.0.0.1:${port}` })}\n`);
}

void main();
