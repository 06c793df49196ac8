import type { WishCategory } from './wishes';

/**
 * What a unit can offer a street or community (its resource list, 资源清单) and what service delivers against it.
 * One vocabulary for agreements' commitments, the categories ledger entries count under, and the 1+N matching
 * of needs (wishes, projects) to partners.
 */
export const COMMITMENT_CATEGORIES = ['普法宣传', '健康义诊', '政策宣讲', '绿化美化', '帮扶慰问', '助老助残', '助学', '物资捐赠', '其他'] as const;
export type CommitmentCategory = (typeof COMMITMENT_CATEGORIES)[number];

/** Types of volunteer activity (志愿服务活动). */
export const ACTIVITY_TYPES = ['普法宣传', '健康义诊', '政策宣讲', '爱国卫生', '帮扶慰问', '环境整治', '文体活动', '其他'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** The commitment a wish of each category draws on, best match first (物资 for goods, 助学 for school things …). */
export const WISH_COMMITMENT_CATEGORIES: Record<WishCategory, readonly CommitmentCategory[]> = {
  生活用品: ['物资捐赠', '帮扶慰问'],
  学习用品: ['助学', '物资捐赠'],
  医疗健康: ['健康义诊', '物资捐赠', '帮扶慰问'],
  家用电器: ['物资捐赠', '帮扶慰问'],
  助老助残: ['助老助残', '帮扶慰问'],
  其他: ['其他', '帮扶慰问'],
};

/** The commitment an activity of each type delivers, when the organiser did not name one. */
export const ACTIVITY_COMMITMENT_CATEGORY: Record<ActivityType, CommitmentCategory> = {
  普法宣传: '普法宣传',
  健康义诊: '健康义诊',
  政策宣讲: '政策宣讲',
  爱国卫生: '绿化美化',
  帮扶慰问: '帮扶慰问',
  环境整治: '绿化美化',
  文体活动: '其他',
  其他: '其他',
};

/** The category a confirmed wish counts under in the ledger (its best match). */
export function commitmentCategoryOfWish(category: string): CommitmentCategory {
  return (WISH_COMMITMENT_CATEGORIES as Record<string, readonly CommitmentCategory[]>)[category]?.[0] ?? '其他';
}
