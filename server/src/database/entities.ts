import { AuditLogEntity } from '../modules/audit/audit-log.entity';
import { MemberEntity } from '../modules/members/member.entity';
import { OrganisationEntity } from '../modules/organisations/organisation.entity';
import { RegionEntity } from '../modules/regions/region.entity';
import { RoleAssignmentEntity } from '../modules/users/role-assignment.entity';
import { UserEntity } from '../modules/users/user.entity';

export const ENTITIES = [RegionEntity, OrganisationEntity, UserEntity, RoleAssignmentEntity, MemberEntity, AuditLogEntity];
