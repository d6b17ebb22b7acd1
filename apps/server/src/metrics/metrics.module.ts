import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { AlertMetrics } from './alert.metrics';
import { HttpMetrics } from './http-metrics.middleware';
import { MetricsServer } from './metrics-server';
import { createMetricsRegistry } from './metrics.registry';
import { VitalsMetrics } from './vitals.metrics';

@Module({
  providers: [
    { provide: Registry, useFactory: createMetricsRegistry },
    VitalsMetrics,
    AlertMetrics,
    HttpMetrics,
    MetricsServer,
  ],
  exports: [Registry, VitalsMetrics, AlertMetrics, HttpMetrics],
})
export class MetricsModule {}
