import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Logger } from '../../activities/logging/logger';
import { startIngest } from '../ingest/start-ingest';

export interface InboxWatcherOptions {
  client: Client;
  logger: Logger;
  inboxDir: string;
  processedDir: string;
  failedDir: string;
  taskQueue: string;
  chunkRows: number;
  pollMs: number;
}

const IGNORED = /^\.|\.(tmp|part|partial|crdownload)$/i;

/**
 * Watches the inbox folder by polling (reliable on network and container file systems). A file is submitted once
 * its size and mtime held still for one poll, so half-written files are not read. After its run ends it moves to
 * `processed/` (or `failed/`, with the reason beside it). Restarting the watcher is harmless: the workflow id is
 * the file's hash, so a resubmitted file joins its existing run.
 */
export function startInboxWatcher(options: InboxWatcherOptions): { stop: () => Promise<void> } {
  const seen = new Map<string, string>();
  const inFlight = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function settle(name: string): Promise<void> {
    const source = path.join(options.inboxDir, name);
    try {
      const started = await startIngest(options.client, {
        filePath: source,
        taskQueue: options.taskQueue,
        chunkRows: options.chunkRows,
      });
      options.logger.info({ file: name, workflowId: started.workflowId }, 'inbox file submitted');
      try {
        const result = await started.handle.result();
        const ok = result.status === 'loaded';
        await moveAside(
          source,
          ok ? options.processedDir : options.failedDir,
          ok ? undefined : (result.fileError ?? 'rejected'),
        );
        options.logger.info({ file: name, ...result, warnings: undefined }, 'inbox file ingested');
      } catch (error) {
        await moveAside(source, options.failedDir, error instanceof Error ? error.message : String(error));
        options.logger.error({ file: name, err: error }, 'inbox file ingest failed');
      }
    } catch (error) {
      options.logger.error({ file: name, err: error }, 'could not submit inbox file; will retry');
      seen.delete(name);
    }
  }

  async function poll(): Promise<void> {
    await mkdir(options.inboxDir, { recursive: true });
    for (const name of await readdir(options.inboxDir)) {
      if (IGNORED.test(name) || inFlight.has(name)) continue;
      const info = await stat(path.join(options.inboxDir, name)).catch(() => undefined);
      if (!info?.isFile()) continue;
      const signature = `${info.size}:${info.mtimeMs}`;
      if (seen.get(name) !== signature) {
        seen.set(name, signature);
        continue;
      }
      const job = settle(name).finally(() => inFlight.delete(name));
      inFlight.set(name, job);
    }
  }

  const loop = () => {
    if (stopped) return;
    poll()
      .catch((error: unknown) => options.logger.error({ err: error }, 'inbox poll failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.pollMs);
      });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled(inFlight.values());
    },
  };
}

async function moveAside(source: string, dir: string, reason?: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `${stamp}-${path.basename(source)}`);
  await rename(source, target);
  if (reason) await writeFile(`${target}.error.txt`, reason + '\n');
}
