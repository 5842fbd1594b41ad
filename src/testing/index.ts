export { createTestingApp, TestingAppBuilder } from './create-testing-app';
export type { OverrideBy, OverrideModuleBy, CompileOptions } from './create-testing-app';
export { MemoryLogger } from './memory-logger';
export type { MemoryLogRecord, MemoryLogQuery } from './memory-logger';
export { LeakError } from './leak-error';
export type { Leak, LeakKind } from './leak-error';
export type { LeakDetectionOptions } from './leak-detector';
export { ManualSignals } from '../signals/manual-signals';
