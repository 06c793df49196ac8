import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { Agreement, AgreementOfferedAction, Signature } from '@nuancheng/shared'
import { AGREEMENT_ACTION_LABELS, AGREEMENT_LIMITS, AGREEMENT_STATUS_LABELS, ErrorCode } from '@nuancheng/shared/constants'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { Sheet, SheetText } from '../../../../components/Sheet'
import { StateView } from '../../../../components/StateView'
import { StatusTag } from '../../../../components/StatusTag'
import { Timeline } from '../../../../components/Timeline'
import { useAsync } from '../../../../hooks/useAsync'
import { useReshow } from '../../../../hooks/useReshow'
import { useSheetSubmit } from '../../../../hooks/useSheetSubmit'
import {
  countersignAgreement,
  endAgreement,
  fetchAgreement,
  fetchAgreementTimeline,
  returnAgreement,
  withdrawAgreement
} from '../../../../services/agreements'
import { hasErrorCode } from '../../../../services/request'
import { ACTIONS_WITH_REASON, agreementStatusLabel, agreementStatusTone, daysLeftText } from '../../../../utils/agreements'
import { safeDecode } from '../../../../utils/community-code'
import { formatDateTime } from '../../../../utils/format'
import { backOrHome, go, onePlusNUrl, proposeAgreementUrl } from '../../../../utils/navigation'
import { CommitmentRow } from '../../components/CommitmentRow'
import { AgreementAssessmentCard } from './assessment'
import './index.scss'

const HINTS: Record<AgreementOfferedAction, string> = {
  countersign: '会签后协议即生效，单位完成在本街道（社区）的组织报到。',
  return: '写明需要单位修改的内容，单位修改后可重新提交。',
  repropose: '',
  withdraw: '撤回后对方不再需要会签，可另行拟定新协议。',
  end_early: '提前终止后协议不再有效，请写明原因，对方会收到通知。'
}

const PLACEHOLDERS: Partial<Record<AgreementOfferedAction, string>> = {
  return: '如：资源清单请写明每项服务的次数和时间安排',
  end_early: '如：单位职能调整，经双方协商提前终止'
}

function SignatureRow({ side, s }: { side: string; s: Signature | null }) {
  return (
    <View className='agr-signature'>
      <Text className='agr-signature__side'>{side}</Text>
      <View className='agr-signature__who'>
        <Text className='nc-block'>{s ? `${s.roleLabel} · ${s.name}` : AGREEMENT_STATUS_LABELS.proposed}</Text>
        {s ? <Text className='nc-block agr-signature__at'>{formatDateTime(s.at)}</Text> : null}
      </View>
    </View>
  )
}

function Detail({ id }: { id: string }) {
  const data = useAsync(`agreement|${id}`, async () => {
    const [agreement, timeline] = await Promise.all([fetchAgreement(id), fetchAgreementTimeline(id)])
    return { agreement, timeline }
  })
  useReshow(data.reload)
  const [open, setOpen] = useState<AgreementOfferedAction | null>(null)
  const [reason, setReason] = useState('')
  const { busy, error, setError, submit: send } = useSheetSubmit()

  if (data.status === 'loading') return <StateView type='loading' title='正在加载…' />
  if (data.status === 'error')
    return (
      <StateView
        type='error'
        title='加载失败'
        message={data.error.message}
        actionText='返回'
        onAction={backOrHome}
        secondaryText='重试'
        onSecondary={data.reload}
      />
    )
  const a: Agreement = data.data.agreement
  const left = a.status === 'in_force' ? daysLeftText(a.daysLeft) : null

  const start = (action: AgreementOfferedAction) => {
    if (action === 'repropose') return go(proposeAgreementUrl(a.id))
    setReason('')
    setError(null)
    setOpen(action)
  }

  const submit = async () => {
    if (!open) return
    const needsReason = ACTIONS_WITH_REASON.includes(open)
    const text = reason.trim()
    if (needsReason && Array.from(text).length < AGREEMENT_LIMITS.reasonMin) return setError(`请填写原因（至少 ${AGREEMENT_LIMITS.reasonMin} 个字）`)
    await send(
      async () => {
        if (open === 'countersign') await countersignAgreement(a.id)
        else if (open === 'return') await returnAgreement(a.id, text)
        else if (open === 'withdraw') await withdrawAgreement(a.id)
        else if (open === 'end_early') await endAgreement(a.id, text)
        setOpen(null)
        Taro.showToast({ title: open === 'countersign' ? '已会签，协议生效' : '已提交', icon: 'none' })
        data.reload()
      },
      (e) => {
        if (hasErrorCode(e, ErrorCode.WrongState)) {
          setOpen(null)
          data.reload()
        }
      }
    )
  }

  return (
    <View id='agreement-detail' data-id={a.id}>
      <View className='agr-card'>
        <View className='agr-card__head'>
          <Text className='agr-card__title' id='agreement-title'>
            {a.organisation.name} × {a.region.name}
          </Text>
          <StatusTag id='agreement-status' label={agreementStatusLabel(a.status)} tone={agreementStatusTone(a.status)} />
        </View>
        {a.community ? <Text className='agr-card__line'>{a.street.name} · 社区共建协议</Text> : null}
        <Text className='agr-card__line' id='agreement-term'>
          协议期限 {a.startDate} 至 {a.endDate}
          {left ? `（${left}）` : ''}
        </Text>
        {a.registered ? <Text className='agr-registered'>✓ 已完成组织报到</Text> : null}
        {a.returnReason ? (
          <Text className='agr-card__line agr-card__line--danger' id='agreement-return-reason'>
            退回原因：{a.returnReason}
          </Text>
        ) : null}
        {a.endReason ? <Text className='agr-card__line'>终止原因：{a.endReason}</Text> : null}
        <Text className='agr-card__line'>
          联系人 {a.contact.name} · {a.contact.phone}
        </Text>
        {a.note ? <Text className='agr-card__line'>{a.note}</Text> : null}
      </View>

      <View className='nc-section-title'>双方签署</View>
      <View className='agr-card' id='agreement-signatures' style={{ marginTop: 0 }}>
        <SignatureRow side='提出方（单位）' s={a.signatures.proposer} />
        <SignatureRow side={a.community ? '会签方（社区）' : '会签方（街道）'} s={a.signatures.countersigner} />
      </View>

      <View className='nc-section-title'>资源清单 · 承诺与兑现</View>
      <View className='agr-card' id='agreement-commitments' style={{ marginTop: 0 }}>
        {a.commitments.map((c) => (
          <CommitmentRow key={c.id} c={c} />
        ))}
      </View>

      {a.actions.length ? (
        <View className='nc-actions'>
          {a.actions.map((action) => (
            <NcButton
              key={action}
              block
              type={action === 'countersign' || action === 'repropose' ? 'primary' : 'default'}
              id={`action-${action}`}
              onClick={() => start(action)}
            >
              {AGREEMENT_ACTION_LABELS[action]}
            </NcButton>
          ))}
        </View>
      ) : null}
      {a.status === 'in_force' ? (
        <View className='nc-actions'>
          <NcButton block id='agreement-one-plus-n' onClick={() => go(onePlusNUrl(a.region.id))}>
            查看{a.region.name} 1+N 共建
          </NcButton>
        </View>
      ) : null}

      {['in_force', 'ended_early', 'expired'].includes(a.status) ? <AgreementAssessmentCard agreementId={a.id} /> : null}

      <View className='nc-section-title'>协议记录</View>
      <View className='agr-card' style={{ marginTop: 0 }}>
        <Timeline items={data.data.timeline} />
      </View>

      {open ? (
        <Sheet
          title={`${AGREEMENT_ACTION_LABELS[open]} · ${a.organisation.name}`}
          hint={HINTS[open]}
          confirmText={AGREEMENT_ACTION_LABELS[open]}
          busy={busy}
          error={error}
          onConfirm={submit}
          onClose={() => !busy && setOpen(null)}
        >
          {ACTIONS_WITH_REASON.includes(open) ? (
            <SheetText id='action-reason' value={reason} max={AGREEMENT_LIMITS.reasonMax} placeholder={PLACEHOLDERS[open]} onInput={setReason} />
          ) : null}
        </Sheet>
      ) : null}
    </View>
  )
}

/** One 共建协议: both signatures, committed vs delivered per commitment, the timeline, the actions the server offers. */
export default function AgreementDetailPage() {
  const { params } = useRouter()
  const id = params.id ? safeDecode(params.id) : ''
  if (!id) return <StateView type='error' title='链接有误' message='没有指定协议' actionText='返回' onAction={backOrHome} />
  return <SignedInPage className='agreement-detail'>{() => <Detail id={id} />}</SignedInPage>
}
