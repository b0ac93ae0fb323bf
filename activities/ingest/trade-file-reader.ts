import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { CsvRecordSplitter, type CsvRecord } from './csv-record-splitter';
import { createDecoder, detectEncoding, type EncodingGuess, type FileEncoding } from './detect-encoding';

const SAMPLE_BYTES = 256 * 1024;
export const READ_CHUNK_BYTES = 1024 * 1024;

export async function readSample(filePath: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function detectFileEncoding(filePath: string): Promise<EncodingGuess> {
  return detectEncoding(await readSample(filePath));
}

export interface ReadProgress {
  bytesRead: number;
}

/**
 * Streams a file's CSV records in order, a batch per read, decoding as it goes; memory stays bounded by the read
 * chunk and one record. Batches keep the per-record cost of async iteration off the hot path.
 */
export async function* readCsvRecordBatches(
  filePath: string,
  encoding: FileEncoding,
  progress: ReadProgress = { bytesRead: 0 },
): AsyncGenerator<CsvRecord[]> {
  const decoder = createDecoder(encoding);
  const splitter = new CsvRecordSplitter();
  const stream = createReadStream(filePath, { highWaterMark: READ_CHUNK_BYTES });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    progress.bytesRead += chunk.length;
    yield [...splitter.push(decoder.write(chunk))];
  }
  yield [...splitter.push(decoder.end()), ...splitter.end()];
}

/** Record by record; for callers that read a few records (the header). */
export async function* readCsvRecords(filePath: string, encoding: FileEncoding): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvRecordBatches(filePath, encoding)) yield* batch;
}
