import { Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';

const ALERT_WRITES = ['raise', 'command'] as const;
export type AlertWrite = (typeof ALERT_WRITES)[number];

/**
 * Part of Vigil's own alarm delay, as operators see it: an alarm reaches the screens only once its
 * write has committed, so the time its write waits and takes is time the alarm is late.
 */
@Injectable()
export class AlertMetrics {
  private readonly writeSeconds: Histogram<'write' | 'part'>;

  constructor(registry: Registry) {
    this.writeSeconds = new Histogram({
      name: 'vigil_alert_write_seconds',
      help: 'An alarm\'s write before it is published, write="raise" or "command" (acknowledgement, resolution, escalation, reminder, new message): part="turn" from its start until its transaction runs (on SQLite the wait for the writer, ahead of the readings), part="transaction" from there to its commit',
      labelNames: ['write', 'part'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    // Every series from the start, so that a rate over a window that began before the first
    // alarm counts it.
    for (const write of ALERT_WRITES)
      for (const part of ['turn', 'transaction']) this.writeSeconds.zero({ write, part });
  }

  recordWrite(write: AlertWrite, turnMs: number, transactionMs: number): void {
    this.writeSeconds.observe({ write, part: 'turn' }, turnMs / 1000);
    this.writeSeconds.observe({ write, part: 'transaction' }, transactionMs / 1000);
  }
}
