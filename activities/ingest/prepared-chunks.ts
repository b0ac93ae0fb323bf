import { createReadStream } from 'node:fs';
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
): AsyncGenerator<PreparedChunk> {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    const splitter = new Utf8LineSplitter(preparer, encoding === 'utf-8-bom');
    for await (const chunk of createReadStream(storedPath, { highWaterMark: READ_CHUNK_BYTES })) {
      progress.bytesRead += (chunk as Buffer).length;
      preparer.setBytesDone(progress.bytesRead);
      splitter.push(chunk as Buffer);
      yield* preparer.takeDone();
    }
    splitter.end();
  } else {
    for await (const batch of readCsvRecordBatches(storedPath, encoding, progress)) {
      yield* preparer.add(batch, progress.bytesRead);
    }
  }
  yield* preparer.end(progress.bytesRead);
}
