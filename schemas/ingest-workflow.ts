import { z } from 'zod';

export const ingestFileInputSchema = z.object({
  /** Absolute path the worker can read (the inbox, or a file named on the CLI or API). */
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Rows per chunk; fixed for the life of a run so a resumed load finds the same chunk boundaries. */
  chunkRows: z.number().int().positive().max(1_000_000),
});
export type IngestFileInput = z.infer<typeof ingestFileInputSchema>;

export type IngestStatusName = 'loaded' | 'file_rejected';

export interface IngestFileResult {
  fileId: number;
  status: IngestStatusName;
  fileError: string | null;
  encoding: string | null;
  warnings: string[];
  read: number;
  loaded: number;
  rejected: number;
  duplicates: number;
  blankLines: number;
}
