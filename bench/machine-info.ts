import os from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  availableParallelism: number;
  memoryGb: number;
  /** 1, 5 and 15 minute load averages when the run began: how noisy the numbers are. */
  loadAverage: number[];
  node: string;
  platform: string;
  date: string;
}

export function collectMachineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}
