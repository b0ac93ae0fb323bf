import { spawnSync } from 'node:child_process';
import os from 'node:os';

export interface AcceleratorReport {
  host: string;
  cpus: number;
  gpus: string[];
  cudaRuntimeFound: boolean;
  /** The device scoring and training will use on this host. */
  device: 'cuda' | 'cpu';
}

/** What this host offers: NVIDIA GPUs (nvidia-smi) and a CUDA runtime library; CPU otherwise. */
export function probeAccelerator(): AcceleratorReport {
  const smi = spawnSync('nvidia-smi', ['-L'], { encoding: 'utf8', timeout: 5000 });
  const gpus = smi.status === 0 ? smi.stdout.split('\n').filter((l) => l.startsWith('GPU ')) : [];
  const ldconfig = spawnSync('sh', ['-c', 'ldconfig -p 2>/dev/null | grep -q libcudart'], { timeout: 5000 });
  const cudaRuntimeFound = ldconfig.status === 0;
  return {
    host: os.hostname(),
    cpus: os.availableParallelism(),
    gpus,
    cudaRuntimeFound,
    device: gpus.length > 0 && cudaRuntimeFound ? 'cuda' : 'cpu',
  };
}

/** GPU-queue activities; training and batch scoring join these. */
export function createAcceleratorActivities(report: AcceleratorReport) {
  return {
    async describeAccelerator(): Promise<AcceleratorReport> {
      return report;
    },
  };
}
