import os from 'node:os';
import path from 'node:path';

/** Slow-to-build tools live outside the repository so fresh clones on the same machine reuse them. */
export function toolCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SWAP_TOOL_CACHE ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'swap-reporting');
}
