import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { cpuSecondsOf } from './childServer.js';

/** The machine's busy and total CPU time so far, in clock ticks of all cores (the `cpu` line of /proc/stat, Linux). */
function machineTicks(): { busy: number; total: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy, total: busy + idle! + iowait! };
}

/** The pid of a local process running one of `commands` (its /proc comm), if any: e.g. the database server. */
export function localPidOf(commands: readonly string[]): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (commands.includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return undefined;
}

export interface CpuShareReading {
  /** CPU seconds per wall second (1 = one core busy throughout) of this process. */
  readonly self: number;
  /** The same, for each pid given, in order. */
  readonly children: readonly number[];
  /** The whole machine's busy share of all its cores (0..1): everything else on it included. */
  readonly machine: number;
  readonly cores: number;
  /** The wall time the shares cover. */
  readonly seconds: number;
}

/**
 * CPU use from now on: of this process (the load driver), of some child processes, and of
 * the whole machine, so a reader sees whether a driver or a receiver was the bottleneck.
 */
export class CpuShares {
  private readonly wallStart = performance.now();
  private readonly selfStart = process.cpuUsage();
  private readonly childStart: number[];
  private readonly machineStart = machineTicks();

  constructor(private readonly pids: readonly number[]) {
    this.childStart = pids.map(cpuSecondsOf);
  }

  read(): CpuShareReading {
    const wall = (performance.now() - this.wallStart) / 1000;
    const self = process.cpuUsage(this.selfStart);
    const machine = machineTicks();
    return {
      self: (self.user + self.system) / 1e6 / wall,
      children: this.pids.map((pid, index) => (cpuSecondsOf(pid) - this.childStart[index]!) / wall),
      machine: (machine.busy - this.machineStart.busy) / Math.max(1, machine.total - this.machineStart.total),
      cores: availableParallelism(),
      seconds: wall,
    };
  }
}
