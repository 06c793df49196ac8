import type { Role } from '@nuancheng/shared';

/** Who did something, as a timeline shows it: people masked (王**), units and communities by name. */
export interface Actor {
  userId: string | null;
  role: Role | 'system';
  name: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system', name: '系统' };
