import { open } from 'node:fs/promises';
import type { ChunkPreparer, PreparedChunk } from './chunk-preparer';
import type { FileEncoding } from './detect-encoding';
import { READ_CHUNK_BYTES, readCsvRecordBatches, type ReadProgress } from './trade-file-reader';
import { Utf8LineSplitter } from './utf8-line-splitter';

/**
 * Reads a stored file through `preparer` and yields its chunks in order as they complete. UTF-8 files are split
 * as bytes, so most rows never become strings; other encodings are decoded and split as text.
 */
export async function* preparedChunks(
  storedPath: string,
  encoding: FileEncoding,
  preparer: ChunkPreparer,
  progress: ReadProgress = { bytesRead: 0 },
  readBytes = READ_CHUNK_BYTES,
): AsyncGenerator<PreparedChunk> {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    // One read buffer for the whole file: an unfinished line moves to its front and the next read fills the rest.
    const buf = Buffer.allocUnsafeSlow(readBytes);
    const splitter = new Utf8LineSplitter(preparer, encoding === 'utf-8-bom', readBytes / 2);
    const handle = await open(storedPath, 'r');
    let kept = 0;
    try {
      for (;;) {
        const { bytesRead } = await handle.read(buf, kept, buf.length - kept, null);
        if (bytesRead === 0) break;
        progress.bytesRead += bytesRead;
        preparer.setBytesDone(progress.bytesRead);
        const end = kept + bytesRead;
        const used = splitter.push(buf, end);
        buf.copyWithin(0, used, end);
        kept = end - used;
        yield* preparer.takeDone();
      }
    } finally {
      await handle.close();
    }
    splitter.end(buf, kept);
  } else {
    for await (const batch of readCsvRecordBatches(storedPath, encoding, progress)) {
      yield* preparer.add(batch, progress.bytesRead);
    }
  }
  yield* preparer.end(progress.bytesRead);
}
