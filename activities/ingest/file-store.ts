import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

export async function sha256OfFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Keeps an immutable copy of an ingested file under its SHA-256, so a retry or a resume reads exactly the bytes
 * that were submitted even if the inbox file is moved or replaced. Hard link when possible, else copy + rename.
 */
export async function storeFile(storeDir: string, sourcePath: string, sha256: string): Promise<string> {
  await mkdir(storeDir, { recursive: true });
  const target = path.join(storeDir, `${sha256}.csv`);
  try {
    await stat(target);
    return target;
  } catch {
    // not stored yet
  }
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await link(sourcePath, temp);
  } catch {
    await copyFile(sourcePath, temp);
  }
  await rename(temp, target).catch(async (error: unknown) => {
    await unlink(temp).catch(() => undefined);
    throw error;
  });
  return target;
}
