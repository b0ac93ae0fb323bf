import { readFileSync } from 'node:fs';
import type { History } from '@temporalio/common/lib/proto-utils';

/** Peak resident memory of a process so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Time = { seconds?: unknown; nanos?: number | null } | null | undefined;
const toMs = (t: Time) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;

/** Seconds from scheduled to completed for each activity type in a workflow history. */
export function activityDurations(history: History): Record<string, number> {
  const scheduled = new Map<number, { name: string; at: number }>();
  const out: Record<string, number> = {};
  for (const event of history.events ?? []) {
    const s = event.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(Number(event.eventId), { name: s.activityType?.name ?? '?', at: toMs(event.eventTime) });
    const c = event.activityTaskCompletedEventAttributes;
    const from = c ? scheduled.get(Number(c.scheduledEventId)) : undefined;
    if (from) out[from.name] = Number(((toMs(event.eventTime) - from.at) / 1000).toFixed(2));
  }
  return out;
}
