export { createTestingApp, TestingAppBuilder } from './create-testing-app';
export type { OverrideBy } from './create-testing-app';
export { MemoryLogger } from './memory-logger';
export type { MemoryLogRecord } from './memory-logger';
export { ManualSignals } from '../signals/manual-signals';
export { FakeClock } from './fake-clock';
export type { FakeClockOptions } from './fake-clock';
