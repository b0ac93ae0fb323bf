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

const TICKS_PER_SECOND = 100;

/** utime, stime, cutime, cstime of a process in seconds (cutime/cstime: its children that have exited). */
function cpuTimes(pid: number | 'self'): { own: number; children: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const at = (i: number) => Number(fields[i - 3]) / TICKS_PER_SECOND;
  return { own: at(14) + at(15), children: at(16) + at(17) };
}

/** CPU seconds a process has used so far, all threads. */
export function processCpuSeconds(pid: number): number {
  return cpuTimes(pid).own;
}

/** CPU seconds used by this process's exited (waited-for) children, e.g. psql after spawnSync. */
export function exitedChildrenCpuSeconds(): number {
  return cpuTimes('self').children;
}

/** The parent of a process (for a PostgreSQL backend: the postmaster). */
export function parentPid(pid: number): number {
  return Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

/**
 * CPU seconds of a PostgreSQL server so far: the postmaster, its exited children (finished backends) and its
 * live children (backends, checkpointer, WAL writer).
 */
export function postgresCpuSeconds(pid: number): number {
  const main = cpuTimes(pid);
  let total = main.own + main.children;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  for (const child of children) {
    try {
      total += cpuTimes(Number(child)).own;
    } catch {
      // exited meanwhile: now counted in the postmaster's children time, or lost (a few ticks)
    }
  }
  return total;
}
