import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import type { TimelineEntry, WishContact, WishDetail } from '@nuancheng/shared'
import { ErrorCode, PUBLIC_WISH_STATUSES } from '@nuancheng/shared/constants'
import { Chips, choices } from '../../../../components/Chips'
import { NcButton } from '../../../../components/NcButton'
import { PhotoGrid } from '../../../../components/PhotoGrid'
import { PhotoPicker, type PhotoPickerState } from '../../../../components/PhotoPicker'
import { Sheet, SheetText } from '../../../../components/Sheet'
import { StateView } from '../../../../components/StateView'
import { StatusTag } from '../../../../components/StatusTag'
import { Timeline } from '../../../../components/Timeline'
import { useReshow } from '../../../../hooks/useReshow'
import { useSession } from '../../../../hooks/useSession'
import { ApiRequestError, errorMessage, hasErrorCode, isApiRequestError } from '../../../../services/request'
import {
  claimWish,
  confirmWish,
  disputeWish,
  fetchTimeline,
  fetchWish,
  fulfilWish,
  releaseWish,
  reopenWish,
  revealContact,
  reviewWish,
  revokeClaim,
  withdrawWish
} from '../../../../services/wishes'
import { deadlineText, formatDateTime, formatYuan } from '../../../../utils/format'
import { backOrHome, goLogin, wishUrl } from '../../../../utils/navigation'
import { fulfilError, reasonError, wishButtons, type WishButton } from '../../../../utils/wish-actions'
import { wishStatusLabel, wishStatusTone } from '../../../../utils/wishes'
import './index.scss'

/** Actions that only send a reason: the field's label and the request. */
const REASON_ACTIONS = {
  release: ['放弃原因', releaseWish],
  revoke: ['撤销原因', revokeClaim],
  dispute: ['情况说明', disputeWish],
  reopen: ['退回原因', reopenWish]
} as const satisfies Record<string, readonly [string, (id: string, reason: string) => Promise<WishDetail>]>

const MY_CLAIMS = '/packages/member/pages/claims/index'

const REASON_PLACEHOLDER: Partial<Record<WishButton['key'], string>> = {
  reject: '如：信息不完整，请补充受助人情况',
  release: '如：临时出差，无法按期完成',
  revoke: '如：认领人长期未联系受助人',
  dispute: '如：至今没有收到物品',
  reopen: '如：居民反映尚未收到，请再次联系送达',
  confirm_on_behalf: '如：已电话回访，居民确认收到',
  view_contact: '如：核实督办情况，需电话联系受助人'
}

/** The label of what a reason-form action asks for (the field is checked by the same rule as the server). */
const REASON_LABEL: Partial<Record<WishButton['key'], string>> = { confirm_on_behalf: '确认说明', view_contact: '查看原因' }

interface FormState {
  reason: string
  unitId: string
  photos: PhotoPickerState
  note: string
  rating: number
  thanks: string
}

const emptyForm = (): FormState => ({ reason: '', unitId: '', photos: { ids: [], busy: false, failed: 0 }, note: '', rating: 5, thanks: '' })

function Stars({ value, onChange }: { value: number; onChange: (v: number) => void }) {
  return (
    <View className='rating' id='confirm-rating'>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text key={n} className={`rating__star ${n <= value ? 'rating__star--on' : ''}`} data-value={n} onClick={() => onChange(n)}>
          ★
        </Text>
      ))}
    </View>
  )
}

/** One wish for every role: public facts, private contact (when allowed), fulfilment, timeline, and the caller's buttons. */
/** H5 has no WeChat share: the wish's own address, to copy and paste into a chat (shown when copying fails). */
async function copyWishLink(id: string) {
  const url = `${window.location.origin}${window.location.pathname}#${wishUrl(id)}`
  try {
    await Taro.setClipboardData({ data: url })
    Taro.showToast({ title: '链接已复制，可粘贴到微信聊天', icon: 'none' })
  } catch {
    void Taro.showModal({ title: '复制下面的链接分享', content: url, showCancel: false, confirmText: '知道了' })
  }
}

export default function WishDetailPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const { me } = useSession()

  // The wish: loaded on open; replaced by what an action returns; refreshed quietly when the page is shown again.
  const [wish, setWish] = useState<WishDetail | null>(null)
  const [loadError, setLoadError] = useState<ApiRequestError | null>(null)
  const version = useRef(0)
  const loadWish = useCallback(
    (quiet: boolean) => {
      if (!id) return
      const v = ++version.current
      if (!quiet) {
        setWish(null)
        setLoadError(null)
      }
      fetchWish(id).then(
        (w) => v === version.current && setWish(w),
        (e: unknown) => {
          if (v === version.current && !quiet) setLoadError(isApiRequestError(e) ? e : new ApiRequestError(0, 'UNKNOWN', '加载失败，请稍后重试'))
        }
      )
    },
    [id]
  )
  useEffect(() => loadWish(false), [loadWish])
  const applyResult = (w: WishDetail) => {
    version.current++ // a refresh still in flight must not overwrite this
    setWish(w)
  }

  const [timeline, setTimeline] = useState<{ status: 'loading' | 'success' | 'error'; items: TimelineEntry[] }>({ status: 'loading', items: [] })
  const loadTimeline = useCallback(() => {
    if (!id) return
    setTimeline((t) => ({ ...t, status: t.items.length ? t.status : 'loading' }))
    fetchTimeline(id).then(
      (items) => setTimeline({ status: 'success', items }),
      () => setTimeline((t) => ({ ...t, status: t.items.length ? 'success' : 'error' }))
    )
  }, [id])
  useEffect(loadTimeline, [loadTimeline])

  /** A break-glass read of the contact (officials above the community), shown until the page is left. */
  const [contact, setContact] = useState<WishContact | null>(null)
  const [open, setOpen] = useState<WishButton | null>(null)
  const [form, setForm] = useState<FormState>(emptyForm)
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)

  // Back from the dispatch form or a sign-in, the actions may have changed. WeChat also hides the page for the
  // photo picker and image preview: never refresh under an open sheet, and never blank the page for it.
  const sheetOpen = useRef(false)
  sheetOpen.current = open !== null
  useReshow(() => {
    if (sheetOpen.current) return
    loadWish(true)
    loadTimeline()
  })

  useEffect(() => {
    if (wish) Taro.setNavigationBarTitle({ title: wish.title })
  }, [wish?.title])

  // A public wish can be sent to a WeChat chat as a card that opens this page (the menu's 转发 and the button).
  const shareable = !!wish && (PUBLIC_WISH_STATUSES as readonly string[]).includes(wish.status)
  useShareAppMessage(() => ({
    title: wish && shareable ? `微心愿：${wish.title}` : '暖城 · 微心愿',
    path: shareable && wish ? wishUrl(wish.id) : '/pages/index/index'
  }))

  if (!id) {
    return (
      <View className='nc-page wish-detail'>
        <StateView type='error' title='链接有误' message='没有指定要查看的心愿' actionText='返回' onAction={backOrHome} />
      </View>
    )
  }
  if (!wish) {
    return (
      <View className='nc-page wish-detail'>
        {loadError ? (
          <StateView
            type='error'
            title={loadError.code === ErrorCode.NotFound ? '没有找到这个心愿' : '心愿加载失败'}
            message={loadError.message}
            actionText={loadError.code === ErrorCode.NotFound ? '返回' : '重新加载'}
            onAction={loadError.code === ErrorCode.NotFound ? backOrHome : () => loadWish(false)}
          />
        ) : (
          <StateView type='loading' title='正在加载心愿…' />
        )}
      </View>
    )
  }

  // One order in every bar: the secondary actions first, the primary one on the right.
  const buttons = [...wishButtons(wish.actions)].sort((a, b) => Number(!!a.primary) - Number(!!b.primary))
  const orgScopes = (me?.roles ?? []).filter((r) => r.role === 'org_admin' && r.scopeId)
  const deadline = wish.status === 'claimed' ? deadlineText(wish.claimDeadline) : null

  const openButton = (b: WishButton) => {
    if (b.key === 'resubmit') {
      Taro.navigateTo({ url: `/packages/wish/pages/resubmit/index?id=${encodeURIComponent(wish.id)}` })
      return
    }
    if (b.form === 'page') {
      Taro.navigateTo({ url: `/packages/admin/pages/dispatch/index?id=${encodeURIComponent(wish.id)}&title=${encodeURIComponent(wish.title)}` })
      return
    }
    const next = emptyForm()
    if (b.form === 'unit' && orgScopes.length === 1) next.unitId = orgScopes[0].scopeId!
    setForm(next)
    setFormError(null)
    setOpen(b)
  }

  const close = () => {
    if (!busy) setOpen(null)
  }

  /** Validates the open form; returns the request to send, or shows why not. */
  const submit = async () => {
    if (!open) return
    const f = form
    let run: () => Promise<WishDetail>
    let problem: string | null = null
    switch (open.key) {
      case 'approve':
        run = () => reviewWish(wish.id, { decision: 'approve' })
        break
      case 'reject':
        problem = reasonError(f.reason, '驳回原因')
        run = () => reviewWish(wish.id, { decision: 'reject', reason: f.reason.trim() })
        break
      case 'withdraw':
        run = () => withdrawWish(wish.id)
        break
      case 'claim':
        run = () => claimWish(wish.id, {})
        break
      case 'claim_for_unit':
        problem = f.unitId ? null : '请选择认领单位'
        run = () => claimWish(wish.id, { onBehalfOf: f.unitId })
        break
      case 'release':
      case 'revoke':
      case 'dispute':
      case 'reopen': {
        const [label, send] = REASON_ACTIONS[open.key]
        problem = reasonError(f.reason, label)
        run = () => send(wish.id, f.reason.trim())
        break
      }
      case 'fulfil':
        problem = f.photos.busy ? '照片还在上传，请稍候' : f.photos.failed ? '有照片上传失败，请重试或删除' : fulfilError(f.photos.ids.length, f.note)
        run = () => fulfilWish(wish.id, { photoIds: f.photos.ids, note: f.note.trim() })
        break
      case 'confirm': {
        const thanks = f.thanks.trim()
        if (thanks.length > 200) problem = '感谢语最多 200 个字'
        run = () => confirmWish(wish.id, { rating: f.rating, ...(thanks ? { thanks } : {}) })
        break
      }
      case 'confirm_on_behalf':
        problem = reasonError(f.reason, REASON_LABEL.confirm_on_behalf)
        run = () => confirmWish(wish.id, { note: f.reason.trim() })
        break
      case 'view_contact':
        problem =
          Array.from(f.reason.trim()).length < 4 ? '请写明查看联系方式的原因（至少 4 个字）' : reasonError(f.reason, REASON_LABEL.view_contact)
        run = async () => {
          setContact(await revealContact(wish.id, f.reason.trim()))
          return wish
        }
        break
      default:
        return
    }
    if (problem) {
      setFormError(problem)
      return
    }
    setFormError(null)
    setBusy(true)
    try {
      const next = await run()
      applyResult(next)
      setOpen(null)
      Taro.showToast({ title: open.done, icon: Array.from(open.done).length <= 7 ? 'success' : 'none' })
      loadTimeline()
    } catch (e) {
      // request() has toasted the server's message; keep it in the sheet as well.
      setFormError(errorMessage(e))
      if (hasErrorCode(e, ErrorCode.AlreadyClaimed, ErrorCode.WrongState)) {
        // Someone else got there first (claimed it, or moved it on): close the sheet and show the wish as it is now.
        setOpen(null)
        loadWish(true)
        loadTimeline()
      } else if (hasErrorCode(e, ErrorCode.ClaimLimitReached)) {
        // Too many open claims: the way forward is finishing one, so offer the list of them.
        setOpen(null)
        Taro.hideToast()
        const { confirm } = await Taro.showModal({ title: '认领已达上限', content: e.message, confirmText: '我的认领', cancelText: '知道了' })
        if (confirm) Taro.navigateTo({ url: MY_CLAIMS })
      }
    } finally {
      setBusy(false)
    }
  }

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }))

  return (
    <View className='nc-page wish-detail' id='wish-detail' data-id={wish.id}>
      <View className='nc-card'>
        <View className='wish-detail__head'>
          <Text className='wish-detail__title' id='wish-title'>
            {wish.title}
          </Text>
          <StatusTag id='wish-status' label={wishStatusLabel(wish.status)} tone={wishStatusTone(wish.status)} />
        </View>
        <View className='wish-detail__meta'>
          <Text className='nc-tag nc-tag--gray' id='wish-category'>
            {wish.category}
          </Text>
          <Text id='wish-beneficiary-masked'>{wish.beneficiaryMasked}</Text>
          <Text className='wish-detail__value' id='wish-value'>
            {formatYuan(wish.estimatedValueYuan)}
          </Text>
        </View>
        <Text className='wish-detail__line' id='wish-community'>
          {wish.street.name} · {wish.community.name}
        </Text>
        {wish.enteredByStaff ? <Text className='wish-detail__line'>社区代录</Text> : null}
        <Text className='wish-detail__desc' id='wish-description'>
          {wish.description}
        </Text>
        <PhotoGrid className='wish-detail__photos' photos={wish.photos} />
        <Text className='wish-detail__line'>
          {wish.publishedAt ? `发布于 ${formatDateTime(wish.publishedAt)}` : `提交于 ${formatDateTime(wish.createdAt)}`}
        </Text>
        {shareable ? (
          process.env.TARO_ENV === 'h5' ? (
            <NcButton id='share-copy-link' type='plain' size='small' className='wish-detail__share' onClick={() => void copyWishLink(wish.id)}>
              复制链接分享
            </NcButton>
          ) : (
            <Button id='share-wechat' openType='share' className='nc-btn nc-btn--plain nc-btn--small wish-detail__share'>
              分享给微信好友
            </Button>
          )
        ) : null}
        {wish.status === 'rejected' && wish.rejectReason ? (
          <Text className='wish-detail__reason' id='wish-reject-reason'>
            未通过原因：{wish.rejectReason}
          </Text>
        ) : null}
        {wish.status === 'held' && wish.holdReason ? (
          <Text className='wish-detail__reason' id='wish-hold-reason'>
            人工复核：{wish.holdReason}
          </Text>
        ) : null}
      </View>

      {wish.beneficiary ? (
        <View className='nc-card wish-detail__private' id='wish-beneficiary'>
          <Text className='wish-detail__section-title'>受助人信息</Text>
          <Text className='wish-detail__line'>姓名：{wish.beneficiary.name}</Text>
          {wish.beneficiary.phone ? (
            <Text className='wish-detail__line' id='beneficiary-phone' onClick={() => Taro.makePhoneCall({ phoneNumber: wish.beneficiary!.phone! })}>
              电话：{wish.beneficiary.phone}
              {wish.beneficiary.relation ? `（${wish.beneficiary.relation}）` : ''}（点击拨打）
            </Text>
          ) : null}
          {wish.beneficiary.address ? (
            <Text className='wish-detail__line' id='beneficiary-address'>
              送达地址：{wish.beneficiary.address}
            </Text>
          ) : null}
          {wish.hardshipCategory ? <Text className='wish-detail__line'>困难类别：{wish.hardshipCategory}</Text> : null}
          <Text className='wish-detail__line nc-danger-text'>仅认领人和社区工作人员可见，请勿外传</Text>
        </View>
      ) : null}

      {contact && !wish.beneficiary ? (
        <View className='nc-card wish-detail__private' id='wish-contact'>
          <Text className='wish-detail__section-title'>受助人信息（已记录查看）</Text>
          <Text className='wish-detail__line'>姓名：{contact.name}</Text>
          {contact.phone ? (
            <Text className='wish-detail__line' onClick={() => Taro.makePhoneCall({ phoneNumber: contact.phone! })}>
              电话：{contact.phone}
              {contact.relation ? `（${contact.relation}）` : ''}（点击拨打）
            </Text>
          ) : null}
          {contact.address ? <Text className='wish-detail__line'>送达地址：{contact.address}</Text> : null}
          {contact.hardshipCategory ? <Text className='wish-detail__line'>困难类别：{contact.hardshipCategory}</Text> : null}
          <Text className='wish-detail__line nc-danger-text'>{contact.notice}，请勿外传</Text>
        </View>
      ) : null}

      {!wish.beneficiary && !contact && wish.deliveryAddressMasked ? (
        <Text className='wish-detail__line' id='wish-address-masked'>
          送达地址：{wish.deliveryAddressMasked}（认领后可见）
        </Text>
      ) : null}

      {wish.claimant ? (
        <View className='nc-card' id='wish-claimant'>
          <Text className='wish-detail__section-title'>认领人</Text>
          <Text className='wish-detail__line' id='claimant-name'>
            {wish.claimant.kind === 'organisation'
              ? `单位：${wish.claimant.name}`
              : `在职党员：${wish.claimantContact && !wish.claimantContact.masked ? wish.claimantContact.name : wish.claimant.name}`}
          </Text>
          {wish.claimant.kind === 'member' && wish.claimantContact?.unit ? (
            <Text className='wish-detail__line' id='claimant-unit'>
              所在单位：{wish.claimantContact.unit}
            </Text>
          ) : null}
          {wish.claimant.kind === 'organisation' &&
          wish.claimantContact &&
          !wish.claimantContact.masked &&
          wish.claimantContact.name !== wish.claimant.name ? (
            <Text className='wish-detail__line' id='claimant-agent'>
              经办人：{wish.claimantContact.name}
            </Text>
          ) : null}
          {wish.claimantContact?.phone ? (
            <View className='wish-detail__call'>
              <Text className='wish-detail__line' id='claimant-phone'>
                电话：{wish.claimantContact.phone}
              </Text>
              <NcButton
                size='small'
                type='plain'
                id='call-claimant'
                onClick={() => Taro.makePhoneCall({ phoneNumber: wish.claimantContact!.phone! })}
              >
                拨打电话
              </NcButton>
            </View>
          ) : null}
          {wish.claimantContact && !wish.claimantContact.masked ? (
            <Text className='wish-detail__line nc-danger-text'>认领人联系方式仅本社区工作人员可见，本次查看已记录</Text>
          ) : null}
          {wish.claimedAt ? <Text className='wish-detail__line'>认领于 {formatDateTime(wish.claimedAt)}</Text> : null}
          {deadline ? (
            <Text className={`wish-detail__line ${deadline.overdue ? 'nc-danger-text' : ''}`} id='wish-deadline'>
              完成期限：{formatDateTime(wish.claimDeadline)}（{deadline.text}）
            </Text>
          ) : null}
        </View>
      ) : null}

      {wish.fulfilment ? (
        <View className='nc-card' id='wish-fulfilment'>
          <Text className='wish-detail__section-title'>圆梦凭证</Text>
          {wish.fulfilment.note !== null ? (
            <Text className='wish-detail__desc' id='wish-fulfilment-note'>
              {wish.fulfilment.note}
            </Text>
          ) : null}
          <PhotoGrid className='wish-detail__photos' photos={wish.fulfilment.photos} />
          <Text className='wish-detail__line'>提交于 {formatDateTime(wish.fulfilment.at)}</Text>
        </View>
      ) : null}

      {wish.confirmation ? (
        <View className='nc-card' id='wish-confirmation'>
          <Text className='wish-detail__section-title'>确认收到</Text>
          {wish.confirmation.rating ? (
            <Text className='wish-detail__stars'>{'★'.repeat(wish.confirmation.rating) + '☆'.repeat(5 - wish.confirmation.rating)}</Text>
          ) : null}
          {wish.confirmation.thanks ? (
            <Text className='wish-detail__desc' id='wish-thanks'>
              {wish.confirmation.thanks}
            </Text>
          ) : null}
        </View>
      ) : null}

      <View className='nc-section-title'>心愿进度</View>
      <View className='nc-card'>
        {timeline.status === 'loading' ? (
          <StateView type='loading' title='正在加载进度…' />
        ) : timeline.status === 'error' ? (
          <StateView type='error' title='进度加载失败' actionText='重新加载' onAction={loadTimeline} />
        ) : timeline.items.length === 0 ? (
          <Text className='wish-detail__line'>暂无记录</Text>
        ) : (
          <Timeline items={timeline.items} />
        )}
      </View>

      {buttons.length > 0 ? (
        <View className='wish-detail__bar' id='wish-actions'>
          {buttons.map((b) => (
            <NcButton key={b.key} id={b.id} type={b.primary ? 'primary' : 'plain'} onClick={() => openButton(b)}>
              {b.label}
            </NcButton>
          ))}
        </View>
      ) : !me && wish.status === 'published' ? (
        <View className='wish-detail__bar'>
          <NcButton type='primary' id='login-to-claim' onClick={goLogin}>
            登录后认领
          </NcButton>
        </View>
      ) : null}

      {open ? (
        <Sheet title={open.title} hint={open.hint} confirmText={open.confirmText} busy={busy} error={formError} onConfirm={submit} onClose={close}>
          {open.form === 'reason' ? (
            <SheetText
              id='action-reason'
              value={form.reason}
              max={200}
              placeholder={REASON_PLACEHOLDER[open.key] ?? '请填写原因'}
              onInput={(x) => set('reason', x)}
            />
          ) : null}
          {open.form === 'unit' ? (
            orgScopes.length === 0 ? (
              <Text className='sheet-label'>您没有可代表认领的单位</Text>
            ) : (
              <View>
                <Text className='sheet-label'>选择认领单位</Text>
                <Chips
                  id='claim-unit'
                  {...choices(orgScopes, (r) => [r.scopeId!, r.scopeName ?? '未命名单位'])}
                  value={form.unitId}
                  onChange={(v) => set('unitId', v)}
                />
              </View>
            )
          ) : null}
          {open.form === 'fulfil' ? (
            <View>
              <View className='sheet-field'>
                <Text className='sheet-label'>圆梦照片（1–9 张，公开展示）</Text>
                <PhotoPicker id='fulfil-photos' max={9} onChange={(photos) => set('photos', photos)} />
              </View>
              <View className='sheet-field'>
                <Text className='sheet-label'>圆梦说明（不公开）</Text>
                <SheetText
                  id='fulfil-note'
                  value={form.note}
                  max={300}
                  placeholder='如：已将电风扇送到王奶奶家中并帮忙安装'
                  onInput={(x) => set('note', x)}
                />
              </View>
            </View>
          ) : null}
          {open.form === 'rating' ? (
            <View>
              <Stars value={form.rating} onChange={(v) => set('rating', v)} />
              <View className='sheet-field'>
                <SheetText
                  id='confirm-thanks'
                  value={form.thanks}
                  max={200}
                  placeholder='想对认领人说的话（选填）'
                  onInput={(x) => set('thanks', x)}
                />
              </View>
            </View>
          ) : null}
        </Sheet>
      ) : null}
    </View>
  )
}
