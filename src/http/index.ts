export { HttpServerModule } from './http-server-module';
export type { HttpServerModuleClass } from './http-server-module';
export type { HttpServer } from './http-server';
export type { HttpServerModuleOptions, HealthEndpointOptions, RequestListener, FromConfig } from './http-server-options';
export { HealthCheck } from './health-check';
export type { HealthCheckOptions } from './health-check';
export type { HealthBody, CheckResult, CheckStatus } from './health-report';
