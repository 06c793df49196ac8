import type { CreateWish } from '@nuancheng/shared'
import {
  HARDSHIP_CATEGORIES,
  PHONE_PATTERN,
  WISH_CATEGORIES,
  WISH_CONSENT_VERSION,
  WISH_CONTACT_PHONE_PATTERN,
  WISH_LIMITS as L
} from '@nuancheng/shared/constants'
import { charCount } from './wish-actions'

/** The post-a-wish form as typed (strings from inputs), turned into CreateWish when valid. */
export interface WishFormValues {
  communityId: string
  title: string
  description: string
  category: string
  /** Yuan as typed. */
  value: string
  photoIds: string[]
  beneficiaryName: string
  /** Blank = the poster's bound phone (residents only). */
  contactPhone: string
  /** 代录: whose number it is when not the beneficiary's own (女儿 …); blank = theirs, or a landline at home. */
  contactRelation: string
  /** 代录: where to deliver (encrypted; the claimant and the community's staff only). Optional. */
  deliveryAddress: string
  hardshipCategory: string
  beneficiaryUnder14: boolean
  guardianName: string
  guardianConsent: boolean
  sensitiveConsent: boolean
  onBehalf: boolean
}

export const emptyWishForm = (communityId: string, onBehalf = false): WishFormValues => ({
  communityId,
  title: '',
  description: '',
  category: '',
  value: '',
  photoIds: [],
  beneficiaryName: '',
  contactPhone: '',
  contactRelation: '',
  deliveryAddress: '',
  hardshipCategory: '',
  beneficiaryUnder14: false,
  guardianName: '',
  guardianConsent: false,
  sensitiveConsent: false,
  onBehalf
})

export interface FieldError {
  field: keyof WishFormValues
  message: string
}

/** What the resident writes about the wish (posting, and editing it to resubmit after a rejection). */
export type WishFieldValues = Pick<WishFormValues, 'title' | 'description' | 'category' | 'value' | 'photoIds'>

/** One problem per field, in the form's order (null when the field is fine). */
type Check = () => FieldError | null

const firstOf = (checks: Check[]): FieldError | null => {
  for (const check of checks) {
    const problem = check()
    if (problem) return problem
  }
  return null
}

const err = (field: keyof WishFormValues, message: string): FieldError => ({ field, message })

/** The rules of the shared wish fields (ResubmitWishSchema, part of CreateWishSchema): every field's problem, in order. */
export function wishFieldErrors(v: WishFieldValues): FieldError[] {
  const fields: Check[] = [
    () => {
      const title = charCount(v.title)
      if (title < 1) return err('title', '请填写心愿标题')
      return title > L.titleMax ? err('title', `心愿标题最多 ${L.titleMax} 个字`) : null
    },
    () => {
      const desc = charCount(v.description)
      if (desc < 1) return err('description', '请填写心愿描述')
      return desc > L.descriptionMax ? err('description', `心愿描述最多 ${L.descriptionMax} 个字`) : null
    },
    () => ((WISH_CATEGORIES as readonly string[]).includes(v.category) ? null : err('category', '请选择心愿类别')),
    () => {
      const value = v.value.trim()
      if (!value) return err('value', '请填写估价（元）')
      if (!/^\d+$/.test(value)) return err('value', '估价请填写整数元')
      const yuan = Number(value)
      if (yuan < L.valueMinYuan) return err('value', `估价至少 ${L.valueMinYuan} 元`)
      return yuan > L.valueMaxYuan ? err('value', `微心愿估价不超过 ${L.valueMaxYuan} 元`) : null
    },
    () => (v.photoIds.length > L.photosMax ? err('photoIds', `最多上传 ${L.photosMax} 张照片`) : null)
  ]
  return fields.map((check) => check()).filter((e): e is FieldError => e !== null)
}

/** The first problem of the shared wish fields (null when all are fine). */
export function validateWishFields(v: WishFieldValues): FieldError | null {
  return wishFieldErrors(v)[0] ?? null
}

/**
 * The same rules as CreateWishSchema (shared/src/wishes.ts, limits from WISH_LIMITS), checked before sending: every
 * wrong field at once, in the form's order, one message each.
 */
export function wishFormErrors(v: WishFormValues): FieldError[] {
  const fields: Check[] = [
    () => (v.communityId ? null : err('communityId', '请选择社区')),
    () => {
      const name = charCount(v.beneficiaryName)
      if (name < L.beneficiaryNameMin) return err('beneficiaryName', `受助人姓名至少 ${L.beneficiaryNameMin} 个字`)
      return name > L.beneficiaryNameMax ? err('beneficiaryName', `受助人姓名最多 ${L.beneficiaryNameMax} 个字`) : null
    },
    () => {
      const phone = v.contactPhone.trim()
      if (v.onBehalf && !phone) return err('contactPhone', '代录心愿请填写受助人或其家属的联系电话')
      if (phone && !v.onBehalf && !PHONE_PATTERN.test(phone)) return err('contactPhone', '手机号应为 11 位中国大陆手机号')
      return phone && v.onBehalf && !WISH_CONTACT_PHONE_PATTERN.test(phone)
        ? err('contactPhone', '联系电话请填写 11 位手机号，或带区号的固定电话（如 0931-8123456）')
        : null
    },
    () => (v.onBehalf && charCount(v.contactRelation) > L.relationMax ? err('contactRelation', `与受助人关系最多 ${L.relationMax} 个字`) : null),
    () => {
      const address = charCount(v.deliveryAddress)
      if (v.onBehalf && address > 0 && address < L.addressMin)
        return err('deliveryAddress', `送达地址至少 ${L.addressMin} 个字（如：幸福小区 3 号楼 2 单元 401）`)
      return v.onBehalf && address > L.addressMax ? err('deliveryAddress', `送达地址最多 ${L.addressMax} 个字`) : null
    },
    () => ((HARDSHIP_CATEGORIES as readonly string[]).includes(v.hardshipCategory) ? null : err('hardshipCategory', '请选择困难类别')),
    () =>
      !v.beneficiaryUnder14
        ? null
        : firstOf([
            () => (charCount(v.guardianName) < L.guardianNameMin ? err('guardianName', '受助人未满 14 周岁，请填写监护人姓名') : null),
            () => (charCount(v.guardianName) > L.guardianNameMax ? err('guardianName', `监护人姓名最多 ${L.guardianNameMax} 个字`) : null),
            () => (v.guardianConsent ? null : err('guardianConsent', '受助人未满 14 周岁，需监护人同意'))
          ]),
    () => (v.sensitiveConsent ? null : err('sensitiveConsent', '请阅读并同意敏感个人信息处理规则'))
  ]
  const [community, ...rest] = fields.map((check) => check())
  return [community, ...wishFieldErrors(v), ...rest].filter((e): e is FieldError => e !== null)
}

/** The first problem of the form (null when it can be sent). */
export function validateWishForm(v: WishFormValues): FieldError | null {
  return wishFormErrors(v)[0] ?? null
}

/** The request body for POST /api/wishes (call after validateWishForm returned null). */
export function toCreateWish(v: WishFormValues): CreateWish {
  const phone = v.contactPhone.trim()
  const relation = v.contactRelation.trim()
  const address = v.deliveryAddress.trim()
  return {
    communityId: v.communityId,
    title: v.title.trim(),
    description: v.description.trim(),
    category: v.category as CreateWish['category'],
    estimatedValueYuan: Number(v.value.trim()),
    photoIds: v.photoIds,
    beneficiaryName: v.beneficiaryName.trim(),
    ...(phone ? { contactPhone: phone } : {}),
    ...(v.onBehalf && relation ? { contactRelation: relation } : {}),
    ...(v.onBehalf && address ? { deliveryAddress: address } : {}),
    hardshipCategory: v.hardshipCategory as CreateWish['hardshipCategory'],
    sensitiveConsent: { agreed: true, version: WISH_CONSENT_VERSION },
    onBehalf: v.onBehalf,
    beneficiaryUnder14: v.beneficiaryUnder14,
    ...(v.beneficiaryUnder14 ? { guardianName: v.guardianName.trim(), guardianConsent: v.guardianConsent } : {})
  }
}
