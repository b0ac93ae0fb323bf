import { Client, Connection } from '@temporalio/client';

/** A Temporal client from the process config; close() when done. */
export async function connectTemporal(options: { address: string; namespace: string }) {
  const connection = await Connection.connect({ address: options.address });
  return { client: new Client({ connection, namespace: options.namespace }), close: () => connection.close() };
}

/** Link to a run's page in the Temporal web UI. */
export function temporalUiLink(uiUrl: string, namespace: string, workflowId: string, runId?: string): string {
  const base = `${uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}
