import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Model artefacts on disk under `<DATA_DIR>/models/<version>/`. Writes go to a temporary name and are renamed,
 * so a worker killed mid-write never leaves a corrupt artefact; reads check the SHA-256 the registry recorded.
 */
export class ArtefactStore {
  constructor(readonly root: string) {}

  dirFor(version: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(version)) throw new Error(`unsafe model version name: ${version}`);
    return path.join(this.root, version);
  }

  async write(version: string, name: string, bytes: Uint8Array): Promise<{ path: string; sha256: string }> {
    const dir = this.dirFor(version);
    await mkdir(dir, { recursive: true });
    const target = path.join(dir, name);
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, target);
    return { path: target, sha256: sha256(bytes) };
  }

  /** Reads a side file (manifest, reference) whose integrity the ONNX file's checksum does not cover. */
  async readUnchecked(filePath: string): Promise<Buffer> {
    return readFile(filePath);
  }

  /** Reads an artefact and refuses it when its bytes are not the ones recorded. */
  async read(filePath: string, expectedSha256: string): Promise<Buffer> {
    const bytes = await readFile(filePath);
    const actual = sha256(bytes);
    if (actual !== expectedSha256) {
      throw new Error(
        `model artefact ${filePath} is corrupt or replaced: SHA-256 ${actual}, expected ${expectedSha256}`,
      );
    }
    return bytes;
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
