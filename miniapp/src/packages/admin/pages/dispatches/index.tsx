import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Dispatch } from '@nuancheng/shared'
import { DISPATCH_STATUS_LABELS, ErrorCode } from '@nuancheng/shared/constants'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { Sheet, SheetText } from '../../../../components/Sheet'
import { StateView } from '../../../../components/StateView'
import { StatusTag } from '../../../../components/StatusTag'
import { WishCard } from '../../../../components/WishCard'
import { useAsync } from '../../../../hooks/useAsync'
import { useReshow } from '../../../../hooks/useReshow'
import { answerDispatch, fetchMyDispatches } from '../../../../services/dispatches'
import { errorMessage, hasErrorCode } from '../../../../services/request'
import { deadlineText, formatDateTime } from '../../../../utils/format'
import { go, wishUrl } from '../../../../utils/navigation'
import { reasonError } from '../../../../utils/wish-actions'
import { DISPATCH_TONES } from '../../../../utils/wishes'

function DispatchList() {
  const list = useAsync('dispatches', fetchMyDispatches)
  useReshow(list.reload)
  const [declining, setDeclining] = useState<Dispatch | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busyId, setBusyId] = useState<string | null>(null)

  const accept = async (d: Dispatch) => {
    const { confirm } = await Taro.showModal({
      title: '承接心愿',
      content: `由${d.organisation.name}承接“${d.wish.title}”，承接后转为本单位认领，请按期完成。`,
      confirmText: '承接',
      confirmColor: '#c8161d'
    })
    if (!confirm) return
    setBusyId(d.id)
    try {
      await answerDispatch(d.id, { decision: 'accept' })
      Taro.showToast({ title: '已承接', icon: 'success' })
      list.reload()
    } catch (e) {
      // Toasted by request(). Answered already, or the wish claimed meanwhile: show the list as it is now.
      if (hasErrorCode(e, ErrorCode.WrongState, ErrorCode.AlreadyClaimed)) list.reload()
    } finally {
      setBusyId(null)
    }
  }

  const decline = async () => {
    if (!declining) return
    const problem = reasonError(reason, '不能承接的原因')
    if (problem) return setError(problem)
    setBusyId(declining.id)
    try {
      await answerDispatch(declining.id, { decision: 'decline', reason: reason.trim() })
      setDeclining(null)
      Taro.showToast({ title: '已答复', icon: 'success' })
      list.reload()
    } catch (e) {
      setError(errorMessage(e))
      if (hasErrorCode(e, ErrorCode.WrongState, ErrorCode.AlreadyClaimed)) {
        setDeclining(null)
        list.reload()
      }
    } finally {
      setBusyId(null)
    }
  }

  if (list.status === 'loading') return <StateView type='loading' title='正在加载…' />
  if (list.status === 'error')
    return <StateView type='error' title='加载失败' message={list.error.message} actionText='重新加载' onAction={list.reload} />
  if (list.data.length === 0) return <StateView type='empty' title='暂无派单' message='街道派给本单位的超期心愿会出现在这里' />

  return (
    <View>
      <View className='wish-list' id='dispatch-list'>
        {list.data.map((d) => {
          const s = { label: DISPATCH_STATUS_LABELS[d.status] ?? d.status, tone: DISPATCH_TONES[d.status] ?? 'gray' }
          // Open until answered (an escalated one still can be); a wish claimed meanwhile needs no answer.
          const open = (d.status === 'pending' || d.status === 'escalated') && d.wish.status === 'published'
          const due = open ? deadlineText(d.answerBy) : null
          return (
            <WishCard
              key={d.id}
              wish={d.wish}
              onClick={() => go(wishUrl(d.wish.id))}
              extra={
                <View className='dispatch-item' data-id={d.id}>
                  <View>
                    <StatusTag label={s.label} tone={s.tone} /> <Text>派给 {d.organisation.name}</Text>
                  </View>
                  <Text className={`nc-block ${due?.overdue ? 'nc-danger-text' : ''}`}>
                    答复期限 {formatDateTime(d.answerBy)}
                    {due ? `（${due.text}）` : ''}
                  </Text>
                  <Text className='nc-block'>承接后完成期限 {formatDateTime(d.deadline)}</Text>
                  {d.note ? <Text className='nc-block'>督办说明：{d.note}</Text> : null}
                  {d.declineReason ? <Text className='nc-block'>拒绝原因：{d.declineReason}</Text> : null}
                </View>
              }
              footer={
                open ? (
                  <View style={{ display: 'flex' }}>
                    <NcButton
                      size='small'
                      className='dispatch-decline'
                      disabled={busyId !== null}
                      onClick={() => {
                        setReason('')
                        setError(null)
                        setDeclining(d)
                      }}
                    >
                      不能承接
                    </NcButton>
                    <NcButton size='small' type='primary' className='dispatch-accept' loading={busyId === d.id} onClick={() => void accept(d)}>
                      承接
                    </NcButton>
                  </View>
                ) : undefined
              }
            />
          )
        })}
      </View>
      {declining ? (
        <Sheet
          title='不能承接'
          hint={`“${declining.wish.title}”将退回街道重新派单，请说明原因。`}
          confirmText='提交'
          busy={busyId === declining.id}
          error={error}
          onConfirm={decline}
          onClose={() => setDeclining(null)}
        >
          <SheetText id='decline-reason' value={reason} max={200} placeholder='如：本单位近期无相应物资' onInput={setReason} />
        </Sheet>
      ) : null}
    </View>
  )
}

/** 督办派单 (org admin): wishes the street dispatched to my units — accept (becomes our claim) or decline with a reason. */
export default function DispatchesPage() {
  return <SignedInPage className='dispatches'>{() => <DispatchList />}</SignedInPage>
}
