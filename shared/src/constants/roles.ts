/** Role names as stored in role assignments. A role holds inside one region or organisation subtree. */
export const Role = {
  Resident: 'resident',
  Member: 'member',
  CommunityStaff: 'community_staff',
  BranchSecretary: 'branch_secretary',
  OrgAdmin: 'org_admin',
  StreetOfficial: 'street_official',
  CommitteeAdmin: 'committee_admin',
  SystemAdmin: 'system_admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = /* @__PURE__ */ Object.values(Role) as [Role, ...Role[]];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  member: '在职党员',
  community_staff: '社区工作者',
  branch_secretary: '党支部书记',
  org_admin: '机关党组织管理员',
  street_official: '街道干部',
  committee_admin: '工委管理员',
  system_admin: '系统管理员',
};

/** Which tree a role's scope node lives in. */
export const ScopeKind = { Region: 'region', Organisation: 'organisation' } as const;
export type ScopeKind = (typeof ScopeKind)[keyof typeof ScopeKind];
export const SCOPE_KINDS = /* @__PURE__ */ Object.values(ScopeKind) as [ScopeKind, ...ScopeKind[]];
