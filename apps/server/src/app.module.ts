import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuditModule } from './audit/audit.module';
import { dashboardStaticOptions } from './bootstrap/dashboard-static';
import { AccessGuard } from './auth/access.guard';
import { AuthModule } from './auth/auth.module';
import { BaysModule } from './bays/bays.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { ZodValidationPipe } from './common/zod-validation.pipe';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { DevicesModule } from './devices/devices.module';
import { FhirModule } from './fhir/fhir.module';
import { DutyModule } from './duty/duty.module';
import { HealthModule } from './health/health.module';
import { Hl7Module } from './hl7/hl7.module';
import { LoggingModule } from './logging/logging.module';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsModule } from './metrics/metrics.module';
import { ObservationsModule } from './observations/observations.module';
import { OutcomesModule } from './outcomes/outcomes.module';
import { AdministrationModule } from './administration/administration.module';
import { CourseModule } from './course/course.module';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { PatientsModule } from './patients/patients.module';
import { ProfilePreviewModule } from './profile-preview/profile-preview.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RedisModule } from './redis/redis.module';
import { SecurityEventsModule } from './security/security-events';
import { SessionLimitsModule } from './session-limits/session-limits.module';
import { SessionLogModule } from './session-log/session-log.module';
import { SessionsModule } from './sessions/sessions.module';
import { ThresholdProfilesModule } from './threshold-profiles/threshold-profiles.module';
import { ThrottlingModule } from './throttling/throttling.module';
import { VigilThrottlerGuard } from './throttling/vigil-throttler.guard';
import { UsersModule } from './users/users.module';
import { VitalsModule } from './vitals/vitals.module';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // First, so that its routes come first in Express's list: a thousand monitors post a
        // reading a second, and every request walks that list until a route matches.
        VitalsModule,
        LoggingModule,
        DatabaseModule,
        RedisModule,
        SecurityEventsModule,
        AuditModule,
        ThrottlingModule,
        AuthModule,
        UsersModule,
        DevicesModule,
        MetricsModule,
        HealthModule,
        RealtimeModule,
        PatientsModule,
        SessionsModule,
        ObservationsModule,
        OutcomesModule,
        AdministrationModule,
        CourseModule,
        FollowUpsModule,
        ThresholdProfilesModule,
        ProfilePreviewModule,
        SessionLimitsModule,
        SessionLogModule,
        BaysModule,
        DutyModule,
        AnalyticsModule,
        Hl7Module,
        FhirModule,
        ...(existsSync(config.dashboardDir)
          ? [ServeStaticModule.forRoot(dashboardStaticOptions(config.dashboardDir))]
          : []),
        ...(config.demo ? [DemoModule] : []),
      ],
      providers: [
        // Order matters: a flood is turned away before it costs a database lookup.
        { provide: APP_GUARD, useClass: VigilThrottlerGuard },
        { provide: APP_GUARD, useExisting: AccessGuard },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
