import { PlatformFoundation } from './001-platform-foundation.js';
import { DatabaseRegistry } from './003-database-registry.js';

/** In order. Listed explicitly so the compiled app needs no file discovery. */
export const MIGRATIONS = [PlatformFoundation, DatabaseRegistry];
