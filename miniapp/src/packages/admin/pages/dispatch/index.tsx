import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Field } from '../../../../components/Field'
import { TextField } from '../../../../components/TextField'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { useSubmit } from '../../../../hooks/useSubmit'
import type { DispatchCandidate } from '@nuancheng/shared'
import { DISPATCH_ANSWER_DAYS, DISPATCH_CANDIDATE_TIER_LABELS, DISPATCH_CANDIDATE_TIERS } from '@nuancheng/shared/constants'
import { fetchDispatchCandidates } from '../../../../services/agreements'
import { dispatchWish, fetchWish } from '../../../../services/wishes'
import { dayAfter, endOfDayIso } from '../../../../utils/format'
import { backOrHome } from '../../../../utils/navigation'
import { safeDecode } from '../../../../utils/community-code'
import './index.scss'

function CandidateRow({ c, on, onPick }: { c: DispatchCandidate; on: boolean; onPick: () => void }) {
  return (
    <View
      className={`nc-cell dispatch-candidate ${on ? 'dispatch-candidate--on' : ''}`}
      data-tier={c.tier}
      hoverClass='nc-cell--hover'
      onClick={onPick}
    >
      <View className='nc-cell__main'>
        <Text className='nc-cell__title'>{c.organisation.name}</Text>
        {c.commitment ? (
          <Text className='nc-cell__desc dispatch-candidate__commitment'>
            资源清单：{c.commitment.category} · {c.commitment.description}（{c.commitment.quantity} {c.commitment.unit}）
          </Text>
        ) : null}
      </View>
      <View className='nc-cell__value'>{on ? <Text className='dispatch-candidate__tick'>✓ 已选</Text> : null}</View>
    </View>
  )
}

function DispatchForm({ wishId }: { wishId: string }) {
  const candidates = useAsync(`candidates|${wishId}`, () => fetchDispatchCandidates(wishId))
  const [unitId, setUnitId] = useState('')
  const [showOthers, setShowOthers] = useState(false)
  const [deadline, setDeadline] = useState(dayAfter(DISPATCH_ANSWER_DAYS + 14))
  const [note, setNote] = useState('')
  const [error, setError] = useState<{ field: string; message: string } | null>(null)
  const { busy, submit: send } = useSubmit()

  if (candidates.status === 'loading') return <StateView type='loading' title='正在加载单位…' />
  if (candidates.status === 'error')
    return <StateView type='error' title='单位列表加载失败' message={candidates.error.message} actionText='重新加载' onAction={candidates.reload} />
  const list = candidates.data.items
  if (list.length === 0) return <StateView type='empty' title='暂无可派单的单位' />

  const submit = async () => {
    const iso = endOfDayIso(deadline)
    if (!unitId) return setError({ field: 'unit', message: '请选择承接单位' })
    if (!iso || deadline < dayAfter(DISPATCH_ANSWER_DAYS + 1))
      return setError({ field: 'deadline', message: `完成期限应晚于答复期限（${DISPATCH_ANSWER_DAYS} 天后）` })
    if (note.trim().length > 200) return setError({ field: 'note', message: '说明最多 200 个字' })
    setError(null)
    await send(() => dispatchWish(wishId, { organisationId: unitId, deadline: iso, ...(note.trim() ? { note: note.trim() } : {}) }), {
      toast: '已派单'
    })
  }

  const partners = list.filter((c) => c.tier !== 'other').length
  const others = list.filter((c) => c.tier === 'other')
  const pick = (c: DispatchCandidate) => {
    setUnitId(c.organisation.id)
    if (error?.field === 'unit') setError(null)
  }

  return (
    <View id='dispatch-form'>
      <View className='nc-form'>
        <Field
          label='承接单位'
          required
          error={error?.field === 'unit' ? error.message : null}
          hint={partners ? '资源清单与心愿类别匹配的共建单位排在前面' : '本街道暂无生效的共建协议，可派给其他单位'}
        >
          <View id='dispatch-unit'>
            {DISPATCH_CANDIDATE_TIERS.filter((tier) => tier !== 'other').map((tier) => {
              const rows = list.filter((c) => c.tier === tier)
              return rows.length ? (
                <View key={tier} className='dispatch-tier' data-tier={tier}>
                  <Text className='nc-field__hint dispatch-tier__title'>{DISPATCH_CANDIDATE_TIER_LABELS[tier]}</Text>
                  <View className='nc-cell-group'>
                    {rows.map((c) => (
                      <CandidateRow key={c.organisation.id} c={c} on={c.organisation.id === unitId} onPick={() => pick(c)} />
                    ))}
                  </View>
                </View>
              ) : null
            })}
            {others.length ? (
              showOthers || partners === 0 ? (
                <View className='dispatch-tier' data-tier='other'>
                  <Text className='nc-field__hint dispatch-tier__title'>{DISPATCH_CANDIDATE_TIER_LABELS.other}</Text>
                  <View className='nc-cell-group'>
                    {others.map((c) => (
                      <CandidateRow key={c.organisation.id} c={c} on={c.organisation.id === unitId} onPick={() => pick(c)} />
                    ))}
                  </View>
                </View>
              ) : (
                <NcButton block size='small' id='dispatch-show-others' onClick={() => setShowOthers(true)}>
                  {`显示其他单位（${others.length}）`}
                </NcButton>
              )
            ) : null}
          </View>
        </Field>
        <Field
          label='承接后完成期限'
          required
          error={error?.field === 'deadline' ? error.message : null}
          hint={`单位需在 ${DISPATCH_ANSWER_DAYS} 天内答复是否承接；承接后须在此日期前圆梦`}
        >
          <Picker mode='date' value={deadline} start={dayAfter(DISPATCH_ANSWER_DAYS + 1)} onChange={(e) => setDeadline(e.detail.value)}>
            <View className='nc-picker' id='dispatch-deadline'>
              <Text>{deadline}</Text>
              <Text>▼</Text>
            </View>
          </Picker>
        </Field>
        <TextField
          label='督办说明（选填）'
          error={error?.field === 'note' ? error.message : null}
          id='dispatch-note'
          value={note}
          max={200}
          placeholder='如：该心愿已发布 30 天无人认领，请协调承接'
          multiline
          onInput={setNote}
        />
      </View>
      <View className='nc-actions'>
        <NcButton type='primary' block id='submit-dispatch' loading={busy} onClick={submit}>
          派单
        </NcButton>
      </View>
    </View>
  )
}

/**
 * The wish as the server sees it now: its title, and whether it can still be dispatched (an answer pending,
 * or claimed meanwhile, is said before the form is filled, not after).
 */
function DispatchWishForm({ wishId, title }: { wishId: string; title: string }) {
  const wish = useAsync(`wish|${wishId}`, () => fetchWish(wishId))
  const shown = wish.status === 'success' ? wish.data.title : title
  return (
    <View>
      <View className='nc-card'>
        <Text className='nc-cell__desc'>派单心愿</Text>
        <Text className='nc-cell__title' id='dispatch-wish-title'>
          {shown || '正在加载…'}
        </Text>
      </View>
      {wish.status === 'loading' ? <StateView type='loading' title='正在加载…' /> : null}
      {wish.status === 'error' ? (
        <StateView type='error' title='心愿加载失败' message={wish.error.message} actionText='重新加载' onAction={wish.reload} />
      ) : null}
      {wish.status === 'success' && !wish.data.actions.includes('dispatch') ? (
        <StateView
          type='empty'
          title='该心愿现在不能派单'
          message={wish.data.status === 'published' ? '已派单，正在等待单位答复' : '该心愿已不在待认领状态'}
          actionText='返回'
          onAction={backOrHome}
        />
      ) : null}
      {wish.status === 'success' && wish.data.actions.includes('dispatch') ? (
        <View>
          <View className='nc-section-title'>派给共建单位</View>
          <DispatchForm wishId={wishId} />
        </View>
      ) : null}
    </View>
  )
}

/** 派单: give an unclaimed wish to a unit, which answers within DISPATCH_ANSWER_DAYS. `id` (and `title`) in the query. */
export default function DispatchPage() {
  const { params } = useRouter()
  const id = params.id ? safeDecode(params.id) : ''
  const title = params.title ? safeDecode(params.title) : ''
  if (!id) return <StateView type='error' title='链接有误' message='没有指定要派单的心愿' actionText='返回' onAction={backOrHome} />
  return <SignedInPage className='dispatch'>{() => <DispatchWishForm wishId={id} title={title} />}</SignedInPage>
}
