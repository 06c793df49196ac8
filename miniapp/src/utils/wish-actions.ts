import type { WishOfferedAction } from '@nuancheng/shared'
import { WISH_OFFERED_ACTIONS } from '@nuancheng/shared/constants'

/**
 * The buttons on a wish's detail page, driven by the `actions` the server offers the caller
 * (WishDetail.actions, declared by the server's wish workflow). Each button opens a form kind; ids are stable for
 * browser tests (#action-claim …).
 */
export type WishActionName = WishOfferedAction

/** What a button opens: a plain confirmation, a reason box, a unit picker, the fulfilment form, rating + thanks, or a page. */
export type WishFormKind = 'confirm' | 'reason' | 'unit' | 'fulfil' | 'rating' | 'page'

export type WishButtonKey = WishActionName

export interface WishButton {
  key: WishButtonKey
  id: string
  label: string
  primary: boolean
  form: WishFormKind
  /** Sheet title and the explanation under it. */
  title: string
  hint?: string
  confirmText: string
  /** Toast after success. */
  done: string
}

const BUTTONS: Record<WishButtonKey, Omit<WishButton, 'key' | 'id'>> = {
  approve: {
    label: '审核通过',
    primary: true,
    form: 'confirm',
    title: '审核通过',
    hint: '通过后心愿将发布到心愿墙，公开展示时只显示受助人姓氏。',
    confirmText: '通过并发布',
    done: '已发布'
  },
  reject: {
    label: '驳回',
    primary: false,
    form: 'reason',
    title: '驳回心愿',
    hint: '驳回原因会告知发布人。',
    confirmText: '确认驳回',
    done: '已驳回'
  },
  claim: {
    label: '我来认领',
    primary: true,
    form: 'confirm',
    title: '认领心愿',
    hint: '认领后可看到受助人联系方式，请尽快联系并在期限内完成，完成后上传圆梦照片。',
    confirmText: '确认认领',
    done: '认领成功'
  },
  claim_for_unit: {
    label: '以单位名义认领',
    primary: false,
    form: 'unit',
    title: '单位认领',
    hint: '由所选单位承接此心愿，请在期限内完成。',
    confirmText: '确认认领',
    done: '认领成功'
  },
  fulfil: {
    label: '提交圆梦凭证',
    primary: true,
    form: 'fulfil',
    title: '提交圆梦凭证',
    hint: '上传 1–9 张物品送达的照片，并写一句说明。照片将随心愿公开展示在心愿墙上；说明不公开，仅受助人、认领人和本社区工作人员可见。',
    confirmText: '提交',
    done: '已提交，等待确认'
  },
  confirm: {
    label: '确认收到',
    primary: true,
    form: 'rating',
    title: '确认收到',
    hint: '确认后心愿圆满完成，可以给认领人打分并留下感谢。',
    confirmText: '确认收到',
    done: '已确认，感谢您的反馈'
  },
  confirm_on_behalf: {
    label: '代为确认',
    primary: false,
    form: 'reason',
    title: '社区代为确认收到',
    hint: '请写明如何核实居民已收到（如电话回访），说明会记入心愿进度，仅受助人、认领人和本社区工作人员可见。',
    confirmText: '确认',
    done: '已代为确认'
  },
  dispute: {
    label: '没有收到',
    primary: false,
    form: 'reason',
    title: '反映没有收到',
    hint: '社区工作人员会核实情况。情况说明不公开，仅您、认领人和本社区工作人员可见。',
    confirmText: '提交',
    done: '已提交，社区将核实'
  },
  release: {
    label: '放弃认领',
    primary: false,
    form: 'reason',
    title: '放弃认领',
    hint: '放弃后心愿会重新回到心愿墙，等待他人认领。',
    confirmText: '确认放弃',
    done: '已放弃认领'
  },
  revoke: {
    label: '撤销认领',
    primary: false,
    form: 'reason',
    title: '撤销认领',
    hint: '撤销后心愿重新发布，原认领人会收到通知。',
    confirmText: '确认撤销',
    done: '已撤销认领'
  },
  reopen: {
    label: '退回重办',
    primary: false,
    form: 'reason',
    title: '退回认领人重办',
    hint: '心愿退回给认领人，请写明需要补办的内容。',
    confirmText: '确认退回',
    done: '已退回认领人'
  },
  withdraw: {
    label: '撤回心愿',
    primary: false,
    form: 'confirm',
    title: '撤回心愿',
    hint: '撤回后心愿不再展示，也不能被认领。',
    confirmText: '确认撤回',
    done: '已撤回'
  },
  resubmit: { label: '修改后重新提交', primary: true, form: 'page', title: '修改心愿', confirmText: '去修改', done: '' },
  dispatch: { label: '派单督办', primary: false, form: 'page', title: '派单督办', confirmText: '去派单', done: '' },
  view_contact: {
    label: '查看联系方式',
    primary: false,
    form: 'reason',
    title: '查看受助人联系方式',
    hint: '受助人信息属于敏感个人信息。请写明查看原因，本次查看及原因将记入审计日志。',
    confirmText: '查看',
    done: '已记录本次查看'
  }
}

export const buttonId = (key: WishButtonKey) => `action-${key.replace(/_/g, '-')}`

export function wishButton(key: WishButtonKey): WishButton {
  return { key, id: buttonId(key), ...BUTTONS[key] }
}

/** Buttons for the actions the server offers; unknown actions are ignored (a newer server). */
export function wishButtons(actions: readonly string[]): WishButton[] {
  const offered = new Set(actions)
  // The shared order: the step that moves the wish forward first, then the rest.
  return WISH_OFFERED_ACTIONS.filter((k) => offered.has(k)).map(wishButton)
}

/** Trimmed length as users count it (一个汉字算一个字). */
export const charCount = (s: string) => Array.from(s.trim()).length

/** The reason rule of the server's ReasonSchema: 2–200 characters. */
export function reasonError(reason: string, what = '原因'): string | null {
  const n = charCount(reason)
  if (n < 2) return `请填写${what}（至少 2 个字）`
  if (n > 200) return `${what}最多 200 个字`
  return null
}

/** FulfilWishSchema: 1–9 photos and a 2–300 character note. */
export function fulfilError(photoCount: number, note: string): string | null {
  if (photoCount < 1) return '请至少上传 1 张圆梦照片'
  if (photoCount > 9) return '最多上传 9 张照片'
  const n = charCount(note)
  if (n < 2) return '请写一句圆梦说明'
  if (n > 300) return '说明最多 300 个字'
  return null
}
