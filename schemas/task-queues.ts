/** Task queues, declared once. CPU: orchestration and I/O activities; GPU: training and batch scoring. */
export const CPU_TASK_QUEUE = 'swap-cpu';
export const GPU_TASK_QUEUE = 'swap-gpu';
