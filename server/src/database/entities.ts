import { AgreementCommitmentEntity } from '../modules/agreements/agreement-commitment.entity';
import { AgreementDeliveryEntity } from '../modules/agreements/agreement-delivery.entity';
import { AgreementEntity } from '../modules/agreements/agreement.entity';
import { ActivityAttendanceEntity } from '../modules/activities/entities/activity-attendance.entity';
import { ActivityHoursEntity } from '../modules/activities/entities/activity-hours.entity';
import { ConsentEntity } from '../modules/privacy/consent.entity';
import { ActivityEntity } from '../modules/activities/entities/activity.entity';
import { JobLeaseEntity } from '../modules/jobs/job-lease.entity';
import { LedgerEntryEntity } from '../modules/ledger/ledger-entry.entity';
import { LedgerMemberPeriodEntity, LedgerUnitMonthEntity } from '../modules/ledger/ledger-totals.entity';
import { NotificationEntity } from '../modules/notifications/notification.entity';
import { OutboxEntity } from '../modules/notifications/outbox.entity';
import { LivelihoodProjectEntity } from '../modules/projects/livelihood-project.entity';
import { ProjectUpdateEntity } from '../modules/projects/project-update.entity';
import { WishClaimEntity } from '../modules/wishes/entities/wish-claim.entity';
import { WishDispatchEntity } from '../modules/wishes/entities/wish-dispatch.entity';
import { TimelineEventEntity } from '../modules/workflow/timeline-event.entity';
import { WishDurationBucketEntity } from '../modules/wishes/entities/wish-duration-bucket.entity';
import { WishEntity } from '../modules/wishes/entities/wish.entity';
import { WishEventMonthEntity, WishStateMonthEntity } from '../modules/wishes/entities/wish-rollups.entity';
import { AuditLogEntity } from '../modules/audit/audit-log.entity';
import { AuditChainHeadEntity, AuditCheckpointEntity } from '../modules/audit/audit-chain.entity';
import { MemberEntity } from '../modules/members/member.entity';
import { OrganisationEntity } from '../modules/organisations/organisation.entity';
import { RegionEntity } from '../modules/regions/region.entity';
import { UploadEntity } from '../modules/uploads/upload.entity';
import { RoleAssignmentEntity } from '../modules/users/role-assignment.entity';
import { SessionEntity } from '../modules/users/session.entity';
import { UserEntity } from '../modules/users/user.entity';
import { PledgeAssessmentEntity } from '../modules/pledges/pledge-assessment.entity';
import { PledgeProgressEntity } from '../modules/pledges/pledge-progress.entity';
import { PledgeEntity } from '../modules/pledges/pledge.entity';
import { RegistrationEntity } from '../modules/registrations/registration.entity';
import { ServicePostEntity } from '../modules/posts/service-post.entity';
import { PostHoldingEntity } from '../modules/posts/post-holding.entity';
import { PostShiftEntity } from '../modules/posts/post-shift.entity';
import { CertificateEntity } from '../modules/certificates/certificate.entity';
import { MemberReportEntity } from '../modules/reports/member-report.entity';
import { AgreementAssessmentEntity } from '../modules/org-reports/agreement-assessment.entity';
import { OrgReportEntity } from '../modules/org-reports/org-report.entity';
import { OrgReportVersionEntity } from '../modules/org-reports/org-report-version.entity';
import { ReportAssessmentEntity } from '../modules/reports/report-assessment.entity';
import { ReportReminderEntity } from '../modules/reports/report-reminder.entity';
import { ReportVersionEntity } from '../modules/reports/report-version.entity';

export const ENTITIES = [
  RegionEntity,
  OrganisationEntity,
  UserEntity,
  RoleAssignmentEntity,
  MemberEntity,
  AuditLogEntity,
  AuditChainHeadEntity,
  AuditCheckpointEntity,
  UploadEntity,
  WishEntity,
  WishDurationBucketEntity,
  WishClaimEntity,
  TimelineEventEntity,
  WishDispatchEntity,
  WishStateMonthEntity,
  WishEventMonthEntity,
  LivelihoodProjectEntity,
  ProjectUpdateEntity,
  NotificationEntity,
  OutboxEntity,
  LedgerEntryEntity,
  LedgerUnitMonthEntity,
  LedgerMemberPeriodEntity,
  JobLeaseEntity,
  SessionEntity,
  PledgeEntity,
  PledgeProgressEntity,
  PledgeAssessmentEntity,
  AgreementEntity,
  AgreementCommitmentEntity,
  AgreementDeliveryEntity,
  RegistrationEntity,
  ServicePostEntity,
  PostHoldingEntity,
  PostShiftEntity,
  MemberReportEntity,
  ReportVersionEntity,
  ReportAssessmentEntity,
  ReportReminderEntity,
  OrgReportEntity,
  OrgReportVersionEntity,
  AgreementAssessmentEntity,
  CertificateEntity,
  ActivityEntity,
  ActivityAttendanceEntity,
  ActivityHoursEntity,
  ConsentEntity,
];
