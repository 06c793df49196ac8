import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ZodValidationPipe } from 'nestjs-zod';
import { CommonModule } from './common/common.module';
import { ErrorFilter } from './common/errors/error.filter';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { routeReadsToReplicas } from './common/database/read-replicas';
import { DataSource } from 'typeorm';
import { ActivitiesModule } from './modules/activities/activities.module';
import { AccessModule } from './modules/access/access.module';
import { AgreementsModule } from './modules/agreements/agreements.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { LedgerModule } from './modules/ledger/ledger.module';
import { WorkflowModule } from './modules/workflow/workflow.module';
import { DevModule } from './modules/dev/dev.module';
import { HealthModule } from './modules/health/health.module';
import { MembersModule } from './modules/members/members.module';
import { OrganisationsModule } from './modules/organisations/organisations.module';
import { RegionsModule } from './modules/regions/regions.module';
import { UploadsModule } from './modules/uploads/uploads.module';
import { UsersModule } from './modules/users/users.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PledgesModule } from './modules/pledges/pledges.module';
import { ProjectsModule } from './modules/projects/projects.module';
import { RateLimitsModule } from './modules/rate-limits/rate-limits.module';
import { CertificatesModule } from './modules/certificates/certificates.module';
import { ReportsModule } from './modules/reports/reports.module';
import { OrgReportsModule } from './modules/org-reports/org-reports.module';
import { WishesModule } from './modules/wishes/wishes.module';
import { RegistrationsModule } from './modules/registrations/registrations.module';
import { PostsModule } from './modules/posts/posts.module';
import { PrivacyModule } from './modules/privacy/privacy.module';
import { SupervisionModule } from './modules/supervision/supervision.module';
import { ExportsModule } from './modules/exports/exports.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config.databaseUrl, config.databaseReplicaUrls),
          // With DATABASE_REPLICA_URLS: list and dashboard reads to a replica, everything after a write to the primary.
          dataSourceFactory: async (options) => routeReadsToReplicas(await new DataSource(options!).initialize()),
        }),
        CommonModule,
        AuditModule,
        JobsModule,
        AccessModule,
        RateLimitsModule,
        WorkflowModule,
        HealthModule,
        RegionsModule,
        OrganisationsModule,
        UsersModule,
        AuthModule,
        MembersModule,
        UploadsModule,
        NotificationsModule,
        WishesModule,
        ProjectsModule,
        PledgesModule,
        LedgerModule,
        AgreementsModule,
        RegistrationsModule,
        PostsModule,
        ReportsModule,
        OrgReportsModule,
        CertificatesModule,
        ActivitiesModule,
        SupervisionModule,
        ExportsModule,
        PrivacyModule,
        DevModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
