import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { createMetricsRegistry } from './metrics.registry';
import { VitalsMetrics } from './vitals.metrics';

@Module({
  controllers: [MetricsController],
  providers: [{ provide: Registry, useFactory: createMetricsRegistry }, VitalsMetrics, HttpMetrics],
  exports: [Registry, VitalsMetrics, HttpMetrics],
})
export class MetricsModule {}
