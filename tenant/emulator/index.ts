/** The local Teams tenant emulator: start it, talk to it over HTTP, inspect its state and calls. */
export { startEmulator, type EmulatorHandle, type EmulatorOptions } from './server.js';
export { IN_MEMORY_CMDLETS } from './teams/index.js';
export type { FaultOptions } from './faults.js';
export type { CallRecord } from './call-log.js';
export type { SeedFile, SeedUser, SeedNumbers } from './seed.js';
export { readSeedFile } from './seed.js';
export { defaultSeedPath, standInModulePath } from './paths.js';
export * from './model.js';
export { DEFAULT_TENANT_LIMITS, parseRate, formatRate, type Rate, type TenantLimits } from './tenant-limits.js';
