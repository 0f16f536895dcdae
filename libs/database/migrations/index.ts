import { PlatformFoundation } from './001-platform-foundation.js';

/** In order. Listed explicitly so the compiled app needs no file discovery. */
export const MIGRATIONS = [PlatformFoundation];
