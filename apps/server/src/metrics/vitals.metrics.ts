import { Injectable } from '@nestjs/common';
import type { VitalsAccepted } from '@vigil/shared';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

@Injectable()
export class VitalsMetrics {
  private readonly samples: Counter<'outcome'>;
  private readonly commitGroups: Histogram;
  private readonly commitSeconds: Histogram<'part'>;
  private queuedBatches: () => number = () => 0;

  constructor(registry: Registry) {
    this.samples = new Counter({
      name: 'vigil_vital_samples_total',
      help: 'Vital samples received, by outcome (accepted or duplicate)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.commitGroups = new Histogram({
      name: 'vigil_vitals_commit_group_batches',
      help: 'Batches of readings committed together in one transaction (grows with load)',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers: [registry],
    });
    // Past an instance's capacity readings queue for their commit while no thread is busy: these
    // say whether the commits' pace, and which part of it, is what holds them.
    this.commitSeconds = new Histogram({
      name: 'vigil_vitals_commit_seconds',
      help: 'A group commit of readings: part="turn" from its start until its transaction runs (on SQLite the wait for the writer, behind alarms and other writes), part="transaction" from there to its commit',
      labelNames: ['part'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    const queuedBatches = () => this.queuedBatches();
    new Gauge({
      name: 'vigil_vitals_commit_queued_batches',
      help: 'Batches of readings received and waiting for a group commit to take them (grows past capacity)',
      registers: [registry],
      collect() {
        this.set(queuedBatches());
      },
    });
  }

  /** Where the gauge of queued batches reads them. */
  watchQueue(queuedBatches: () => number): void {
    this.queuedBatches = queuedBatches;
  }

  recordCommit(turnMs: number, transactionMs: number): void {
    this.commitSeconds.observe({ part: 'turn' }, turnMs / 1000);
    this.commitSeconds.observe({ part: 'transaction' }, transactionMs / 1000);
  }

  recordCommitGroup(batches: number): void {
    this.commitGroups.observe(batches);
  }

  recordBatch({ accepted, duplicates }: VitalsAccepted): void {
    this.samples.inc({ outcome: 'accepted' }, accepted);
    if (duplicates > 0) this.samples.inc({ outcome: 'duplicate' }, duplicates);
  }
}
