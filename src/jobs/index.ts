export { Every } from './every-decorator';
export type { EveryOptions } from './every-decorator';
export { Cron } from './cron-decorator';
export type { CronOptions } from './cron-decorator';
export { Background } from './background-decorator';
export type { BackgroundOptions, BackoffOptions } from './background-decorator';
export type { IntervalInput, JobErrorPolicy, JobKind, RestartPolicy } from './job-definition';
export type { Duration } from './parse-duration';
