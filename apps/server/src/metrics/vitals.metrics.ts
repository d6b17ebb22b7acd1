import { Injectable } from '@nestjs/common';
import type { VitalsAccepted } from '@vigil/shared';
import { Counter, Registry } from 'prom-client';

@Injectable()
export class VitalsMetrics {
  private readonly samples: Counter<'outcome'>;

  constructor(registry: Registry) {
    this.samples = new Counter({
      name: 'vigil_vital_samples_total',
      help: 'Vital samples received, by outcome (accepted or duplicate)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }

  recordBatch({ accepted, duplicates }: VitalsAccepted): void {
    this.samples.inc({ outcome: 'accepted' }, accepted);
    if (duplicates > 0) this.samples.inc({ outcome: 'duplicate' }, duplicates);
  }
}
