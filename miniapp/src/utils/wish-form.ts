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

/** The rules of the shared wish fields (ResubmitWishSchema, part of CreateWishSchema); the first problem wins. */
export function validateWishFields(v: WishFieldValues): FieldError | null {
  const err = (field: keyof WishFormValues, message: string): FieldError => ({ field, message })
  const title = charCount(v.title)
  if (title < 1) return err('title', '请填写心愿标题')
  if (title > L.titleMax) return err('title', `心愿标题最多 ${L.titleMax} 个字`)
  const desc = charCount(v.description)
  if (desc < 1) return err('description', '请填写心愿描述')
  if (desc > L.descriptionMax) return err('description', `心愿描述最多 ${L.descriptionMax} 个字`)
  if (!(WISH_CATEGORIES as readonly string[]).includes(v.category)) return err('category', '请选择心愿类别')
  const value = v.value.trim()
  if (!value) return err('value', '请填写估价（元）')
  if (!/^\d+$/.test(value)) return err('value', '估价请填写整数元')
  const yuan = Number(value)
  if (yuan < L.valueMinYuan) return err('value', `估价至少 ${L.valueMinYuan} 元`)
  if (yuan > L.valueMaxYuan) return err('value', `微心愿估价不超过 ${L.valueMaxYuan} 元`)
  if (v.photoIds.length > L.photosMax) return err('photoIds', `最多上传 ${L.photosMax} 张照片`)
  return null
}

/** The same rules as CreateWishSchema (shared/src/wishes.ts, limits from WISH_LIMITS), checked before sending; the first problem wins. */
export function validateWishForm(v: WishFormValues): FieldError | null {
  const err = (field: keyof WishFormValues, message: string): FieldError => ({ field, message })
  if (!v.communityId) return err('communityId', '请选择社区')
  const fields = validateWishFields(v)
  if (fields) return fields
  const name = charCount(v.beneficiaryName)
  if (name < L.beneficiaryNameMin) return err('beneficiaryName', `受助人姓名至少 ${L.beneficiaryNameMin} 个字`)
  if (name > L.beneficiaryNameMax) return err('beneficiaryName', `受助人姓名最多 ${L.beneficiaryNameMax} 个字`)
  const phone = v.contactPhone.trim()
  if (v.onBehalf && !phone) return err('contactPhone', '代录心愿请填写受助人或其家属的联系电话')
  if (phone && !v.onBehalf && !PHONE_PATTERN.test(phone)) return err('contactPhone', '手机号应为 11 位中国大陆手机号')
  if (phone && v.onBehalf && !WISH_CONTACT_PHONE_PATTERN.test(phone))
    return err('contactPhone', '联系电话请填写 11 位手机号，或带区号的固定电话（如 0931-8123456）')
  if (v.onBehalf && charCount(v.contactRelation) > L.relationMax) return err('contactRelation', `与受助人关系最多 ${L.relationMax} 个字`)
  const address = charCount(v.deliveryAddress)
  if (v.onBehalf && address > 0 && address < L.addressMin)
    return err('deliveryAddress', `送达地址至少 ${L.addressMin} 个字（如：幸福小区 3 号楼 2 单元 401）`)
  if (v.onBehalf && address > L.addressMax) return err('deliveryAddress', `送达地址最多 ${L.addressMax} 个字`)
  if (!(HARDSHIP_CATEGORIES as readonly string[]).includes(v.hardshipCategory)) return err('hardshipCategory', '请选择困难类别')
  if (v.beneficiaryUnder14) {
    const guardian = charCount(v.guardianName)
    if (guardian < L.guardianNameMin) return err('guardianName', '受助人未满 14 周岁，请填写监护人姓名')
    if (guardian > L.guardianNameMax) return err('guardianName', `监护人姓名最多 ${L.guardianNameMax} 个字`)
    if (!v.guardianConsent) return err('guardianConsent', '受助人未满 14 周岁，需监护人同意')
  }
  if (!v.sensitiveConsent) return err('sensitiveConsent', '请阅读并同意敏感个人信息处理规则')
  return null
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
