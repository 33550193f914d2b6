// What the figures were measured on: printed above every report, since they only mean something
// next to the machine, the Node version, and how busy the machine was.

import { cpus, loadavg, totalmem } from 'node:os';

export function machineLines(): string[] {
  const cpu = cpus();
  return [
    `date:    ${new Date().toISOString()}`,
    `node:    ${process.version} (${process.platform} ${process.arch})`,
    `cpu:     ${cpu[0]?.model ?? 'unknown'} x ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `load:    ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (1, 5, 15 min): other work on the machine skews the figures`,
  ];
}
