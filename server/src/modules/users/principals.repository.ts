import { Injectable } from '@nestjs/common';
import type { RegionLevel, Role } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import type { Principal, PrincipalAssignment } from '../../common/access/principal';
import { primaryQuery } from '../../common/database/lean-runner';
import { SessionEntity } from './session.entity';

/**
 * A role assignment with its scope node, in portable SQL. The one place outside the trees' own modules that
 * joins `regions` and `organisations`, read-only, for the scope's path and name: the guard runs it on every
 * signed-in request and one round trip matters there (docs/benchmarks.md, part 3; docs/architecture.md).
 */
const ASSIGNMENT_SELECT =
  'SELECT `u`.`id` AS `userId`, `u`.`openid` AS `openid`, `a`.`id` AS `id`, `a`.`role` AS `role`, `a`.`regionId` AS `regionId`, ' +
  '`a`.`organisationId` AS `organisationId`, `r`.`path` AS `regionPath`, `r`.`name` AS `regionName`, `r`.`level` AS `regionLevel`, ' +
  '`o`.`path` AS `orgPath`, `o`.`name` AS `orgName`';
const ASSIGNMENT_JOINS = 'LEFT JOIN `regions` `r` ON `r`.`id` = `a`.`regionId` LEFT JOIN `organisations` `o` ON `o`.`id` = `a`.`organisationId`';

interface AssignmentRow {
  userId: string;
  openid: string;
  id: string | null;
  role: Role;
  regionId: string | null;
  organisationId: string | null;
  regionPath: string | null;
  regionName: string | null;
  regionLevel: RegionLevel | null;
  orgPath: string | null;
  orgName: string | null;
}

function toAssignment(row: AssignmentRow): PrincipalAssignment {
  return {
    id: row.id!,
    role: row.role,
    scopeKind: row.regionId ? 'region' : row.organisationId ? 'organisation' : null,
    scopeId: row.regionId ?? row.organisationId ?? null,
    scopeName: row.regionName ?? row.orgName ?? null,
    scopePath: row.regionPath ?? row.orgPath ?? null,
    regionLevel: row.regionLevel,
  };
}

@Injectable()
export class PrincipalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The caller and every role they hold, in one round trip, if the token's session is live and the user not
   * disabled: so revoking either takes effect on the next request everywhere. A user without roles is one row with
   * null assignment columns.
   */
  async load(userId: string, sessionId: string, at: Date): Promise<Principal | null> {
    const column = this.dataSource.getMetadata(SessionEntity).findColumnWithPropertyName('expiresAt')!;
    const now = this.dataSource.driver.preparePersistentValue(at, column);
    // Every signed-in request's first statement: on a runner without TypeORM's broadcasts when nothing listens (lean-runner.ts).
    const rows = await primaryQuery<AssignmentRow[]>(
      this.dataSource,
      `${ASSIGNMENT_SELECT} FROM \`users\` \`u\` INNER JOIN \`sessions\` \`s\` ON \`s\`.\`id\` = ? AND \`s\`.\`userId\` = \`u\`.\`id\` AND \`s\`.\`revokedAt\` IS NULL AND \`s\`.\`expiresAt\` > ? ` +
        `LEFT JOIN \`role_assignments\` \`a\` ON \`a\`.\`userId\` = \`u\`.\`id\` ${ASSIGNMENT_JOINS} WHERE \`u\`.\`id\` = ? AND \`u\`.\`disabledAt\` IS NULL ORDER BY \`a\`.\`createdAt\` ASC, \`a\`.\`id\` ASC`,
      [sessionId, now, userId],
    );
    if (!rows.length) return null;
    return { userId: rows[0].userId, openid: rows[0].openid, sessionId, assignments: rows.filter((row) => row.id !== null).map(toAssignment) };
  }

  async assignments(userId: string): Promise<PrincipalAssignment[]> {
    const rows: AssignmentRow[] = await this.dataSource.query(
      `${ASSIGNMENT_SELECT} FROM \`role_assignments\` \`a\` INNER JOIN \`users\` \`u\` ON \`u\`.\`id\` = \`a\`.\`userId\` ${ASSIGNMENT_JOINS} WHERE \`a\`.\`userId\` = ? ORDER BY \`a\`.\`createdAt\` ASC, \`a\`.\`id\` ASC`,
      [userId],
    );
    return rows.map(toAssignment);
  }
}
