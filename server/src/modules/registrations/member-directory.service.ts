import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { pathIds } from '../../common/tree/materialised-path';
import { MembersService, type MemberRecord } from '../members/members.service';
import { OrganisationsService, type OrganisationNode } from '../organisations/organisations.service';

export interface Named {
  id: string;
  name: string;
}

/** A roster row with its branch and unit, as staff lists show a member (no phone). */
export interface MemberCard extends MemberRecord {
  branch: OrganisationNode | null;
  unit: Named | null;
}

/**
 * Members with their branch and unit in three queries however many there are (roster rows, their branches, the
 * organisations on those branches' paths), for the lists of registrations, holders and shifts.
 */
@Injectable()
export class MemberDirectoryService {
  constructor(
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
  ) {}

  async describe(manager: EntityManager, memberIds: string[]): Promise<Map<string, MemberCard>> {
    const members = await this.members.byIds(memberIds, manager);
    const branches = await this.organisations.nodesOf(
      [...members.values()].map((m) => m.branchId),
      manager,
    );
    const above = await this.organisations.nodesOf(
      [...branches.values()].flatMap((b) => pathIds(b.path)),
      manager,
    );
    const cards = new Map<string, MemberCard>();
    for (const member of members.values()) {
      const branch = branches.get(member.branchId) ?? null;
      const unit = branch
        ? (pathIds(branch.path)
            .map((id) => above.get(id))
            .find((o) => o?.level === 'unit') ?? null)
        : null;
      cards.set(member.id, { ...member, branch, unit: unit ? { id: unit.id, name: unit.name } : null });
    }
    return cards;
  }
}
