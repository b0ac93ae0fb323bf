/** Deterministic business ids: a duplicate start is rejected by Temporal instead of running twice. */
export function ingestWorkflowId(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
  return `ingest-${sha256}`;
}
