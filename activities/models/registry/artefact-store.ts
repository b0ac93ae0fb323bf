import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A model version's files: the ensemble ONNX, its manifest (spec, scaler, states, …) and its feature reference. */
export const VERSION_FILES = {
  onnx: 'ensemble.onnx',
  manifest: 'manifest.json',
  reference: 'feature-reference.json',
} as const;

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

  /** Writes a version's three files (VERSION_FILES); returns the ONNX file's path and SHA-256 for the registry. */
  async writeVersion(
    version: string,
    artefacts: { onnx: Uint8Array; manifest: unknown; reference: unknown },
  ): Promise<{ path: string; sha256: string }> {
    const stored = await this.write(version, VERSION_FILES.onnx, artefacts.onnx);
    await this.write(version, VERSION_FILES.manifest, Buffer.from(JSON.stringify(artefacts.manifest)));
    await this.write(version, VERSION_FILES.reference, Buffer.from(JSON.stringify(artefacts.reference)));
    return stored;
  }

  /** Reads a side file (manifest, reference) whose integrity the ONNX file's checksum does not cover. */
  async readUnchecked(filePath: string): Promise<Buffer> {
    return readFile(filePath);
  }

  /** A side file of the version whose ONNX file is at `onnxPath`, parsed as JSON. */
  async readSideJson(onnxPath: string, file: 'manifest' | 'reference'): Promise<unknown> {
    return JSON.parse(
      (await this.readUnchecked(path.join(path.dirname(onnxPath), VERSION_FILES[file]))).toString('utf8'),
    );
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
