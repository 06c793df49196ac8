/** 民生实事: posted by a community or street, claimed by an organisation, progressed, completed, verified. */
export const PROJECT_STATUSES = ['open', 'claimed', 'completed', 'verified'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  open: '待认领',
  claimed: '推进中',
  completed: '待验收',
  verified: '已验收',
};

/** Limits of CreateProjectSchema and ProjectUpdateInputSchema (characters as users count them). */
export const PROJECT_LIMITS = {
  titleMin: 2,
  titleMax: 40,
  descriptionMin: 2,
  descriptionMax: 1000,
  locationMin: 2,
  locationMax: 100,
  estimatedScaleMax: 100,
  updateNoteMin: 2,
  updateNoteMax: 500,
  updatePhotosMax: 9,
} as const;

/** What a client may be offered on a project (Project.actions), declared by the server's project workflow. */
export const PROJECT_OFFERED_ACTIONS = ['claim', 'update', 'complete', 'verify'] as const;
export type ProjectOfferedAction = (typeof PROJECT_OFFERED_ACTIONS)[number];
