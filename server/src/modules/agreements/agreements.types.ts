import type { CommitmentCategory } from '@nuancheng/shared';

/** One line of a partner's resource list, as other modules read it (an activity may name the one it delivers). */
export interface CommitmentRef {
  id: string;
  category: CommitmentCategory;
  description: string;
  quantity: number;
  unit: string;
}

/** A commitment with the agreement and the unit it belongs to (what an activity that delivers it shows). */
export interface CommitmentOwner extends CommitmentRef {
  agreementId: string;
  unitId: string;
  unitName: string;
}

/**
 * An agreement in force, as other modules read it (AgreementsService.inForce / partnersOf): the unit has
 * registered (组织报到) in `regionId` — a street with all its communities, or one community.
 */
export interface AgreementInForce {
  id: string;
  organisationId: string;
  unitId: string;
  regionId: string;
  streetId: string;
  communityId: string | null;
  startDate: string;
  endDate: string;
  commitments: CommitmentRef[];
}
