import { Injectable } from '@nestjs/common';
import type { VitalsAccepted } from '@vigil/shared';
import { Counter, Histogram, Registry } from 'prom-client';

@Injectable()
export class VitalsMetrics {
  private readonly samples: Counter<'outcome'>;
  private readonly commitGroups: Histogram;

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
  }

  recordCommitGroup(batches: number): void {
    this.commitGroups.observe(batches);
  }

  recordBatch({ accepted, duplicates }: VitalsAccepted): void {
    this.samples.inc({ outcome: 'accepted' }, accepted);
    if (duplicates > 0) this.samples.inc({ outcome: 'duplicate' }, duplicates);
  }
}
