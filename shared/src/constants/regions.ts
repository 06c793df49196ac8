export const RegionLevel = {
  City: 'city',
  District: 'district',
  Street: 'street',
  Community: 'community',
} as const;
export type RegionLevel = (typeof RegionLevel)[keyof typeof RegionLevel];
export const REGION_LEVELS = /* @__PURE__ */ Object.values(RegionLevel) as [RegionLevel, ...RegionLevel[]];
/** The level a child must have under a parent of the given level. */
export const REGION_CHILD_LEVEL: Record<RegionLevel, RegionLevel | null> = {
  city: 'district',
  district: 'street',
  street: 'community',
  community: null,
};

export const OrganisationLevel = {
  WorkCommittee: 'work_committee',
  Unit: 'unit',
  PartyCommittee: 'party_committee',
  Branch: 'branch',
} as const;
export type OrganisationLevel = (typeof OrganisationLevel)[keyof typeof OrganisationLevel];
export const ORGANISATION_LEVELS = /* @__PURE__ */ Object.values(OrganisationLevel) as [OrganisationLevel, ...OrganisationLevel[]];
/** Levels allowed directly under a parent: a unit may hold its branches directly or through a party committee. */
export const ORGANISATION_CHILD_LEVELS: Record<OrganisationLevel, OrganisationLevel[]> = {
  work_committee: ['unit', 'work_committee'],
  unit: ['party_committee', 'branch'],
  party_committee: ['branch'],
  branch: [],
};

/** Short public code printed on a community's QR code: 4–12 letters or digits (CommunityCodeSchema). */
export const COMMUNITY_CODE_PATTERN = /^[A-Za-z0-9]{4,12}$/;
