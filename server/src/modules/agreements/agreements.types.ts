import type { AgreementStatus, Commitment, CommitmentCategory } from '@nuancheng/shared';

/** An agreement of a unit with one side's names, as an annual report or an assessment reads it. */
export interface AgreementPairing {
  id: string;
  status: AgreementStatus;
  unitId: string;
  unitName: string;
  region: { id: string; name: string; level: string };
  street: { id: string; name: string };
  startDate: string;
  endDate: string;
  /** In force at some time in the year (in force, expired or ended early, its term meeting the year). */
  activeIn: (year: number) => boolean;
}

/** A unit's agreement for an annual report: each commitment with what was delivered in the term. */
export interface AgreementForReport extends Omit<AgreementPairing, 'activeIn'> {
  commitments: Commitment[];
}

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
