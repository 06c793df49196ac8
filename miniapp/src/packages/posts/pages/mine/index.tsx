import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PostHolding } from '@nuancheng/shared'
import { POST_LIMITS, SHIFT_STATUS_LABELS } from '@nuancheng/shared/constants'
import { Cell, CellGroup } from '../../../../components/Cell'
import { TextField } from '../../../../components/TextField'
import { ListFooter } from '../../../../components/ListFooter'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { Sheet } from '../../../../components/Sheet'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { useSheetSubmit } from '../../../../hooks/useSheetSubmit'
import { fetchMyPosts, fetchMyShifts, releaseHolding } from '../../../../services/posts'
import { formatDate } from '../../../../utils/format'
import { minutesText } from '../../../../utils/members-posts'
import { go } from '../../../../utils/navigation'
import { ShiftCard } from '../../components/ShiftCard'
import './index.scss'

function ActiveHolding({ h, onReleased }: { h: PostHolding; onReleased: () => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const { busy, error, submit: send } = useSheetSubmit()
  const release = async () => {
    await send(async () => {
      await releaseHolding(h.id, reason.trim() || undefined)
      setOpen(false)
      Taro.showToast({ title: '已离岗', icon: 'success' })
      onReleased()
    })
  }
  return (
    <View className='svc-card' id='my-holding' data-id={h.id}>
      <View className='svc-card__head'>
        <Text className='svc-card__title' id='my-post-name'>
          {h.post.name}
        </Text>
        <Text className='nc-status nc-status--success'>{h.statusLabel}</Text>
      </View>
      <Text className='svc-card__line'>
        {h.community.name} · {h.startsOn} 至 {h.endsOn}
      </Text>
      {h.assignedBy ? <Text className='svc-card__line'>{h.assignedBy.name}为您认岗</Text> : null}
      <Text className='svc-card__line' id='my-post-stats'>
        已确认值守 {h.shifts.confirmed} 次，共 {minutesText(h.shifts.confirmedMinutes)}
        {h.shifts.pending ? `；${h.shifts.pending} 条${SHIFT_STATUS_LABELS.pending}` : ''}
      </Text>
      <Text className='svc-card__note'>{h.post.description}</Text>
      <View className='svc-card__buttons'>
        {h.actions.includes('release') ? (
          <NcButton size='small' id='release-post' onClick={() => setOpen(true)}>
            离岗
          </NcButton>
        ) : null}
        {h.actions.includes('log_shift') ? (
          <NcButton
            size='small'
            type='primary'
            id='log-shift'
            onClick={() => go(`/packages/posts/pages/shift/index?holdingId=${encodeURIComponent(h.id)}`)}
          >
            登记值守
          </NcButton>
        ) : null}
      </View>
      {open ? (
        <Sheet
          title={`离开${h.post.name}`}
          hint='离岗后名额释放给其他党员，已确认的服务时长保留。'
          confirmText='确认离岗'
          busy={busy}
          error={error}
          onConfirm={release}
          onClose={() => setOpen(false)}
        >
          <TextField label='原因（选填）' value={reason} max={POST_LIMITS.reasonMax} placeholder='如：工作调动' multiline onInput={setReason} />
        </Sheet>
      ) : null}
    </View>
  )
}

function Mine() {
  const posts = useAsync('my-posts', fetchMyPosts)
  const shifts = usePagedList('my-shifts', (page) => fetchMyShifts(page))
  useReshow(() => {
    posts.reload()
    shifts.reload()
  })
  if (posts.status === 'loading') return <StateView type='loading' />
  if (posts.status === 'error')
    return <StateView type='error' title='加载失败' message={posts.error.message} actionText='重新加载' onAction={posts.reload} />
  const { active, past } = posts.data
  const reload = () => {
    posts.reload()
    shifts.reload()
  }
  return (
    <View>
      {active ? (
        <ActiveHolding h={active} onReleased={reload} />
      ) : (
        <StateView
          type='empty'
          title='您还没有认领服务岗位'
          message='向居住社区报到后，可在社区的服务岗位中认岗'
          actionText='去认岗'
          onAction={() => go('/packages/posts/pages/list/index')}
        />
      )}
      <View className='nc-section-title'>值守记录</View>
      {shifts.status === 'success' && shifts.items.length === 0 ? <View className='nc-hint'>还没有值守记录</View> : null}
      <View className='svc-list' id='my-shifts'>
        {shifts.items.map((s) => (
          <ShiftCard key={s.id} s={s} />
        ))}
        <ListFooter count={shifts.items.length} hasMore={shifts.hasMore} loadingMore={shifts.loadingMore} onMore={shifts.loadMore} />
      </View>
      {past.length ? (
        <CellGroup title='以往岗位'>
          {past.map((h) => (
            <Cell
              key={h.id}
              title={`${h.community.name}${h.post.name}`}
              desc={`${h.startsOn} 至 ${h.endedAt ? formatDate(h.endedAt) : h.endsOn} · ${minutesText(h.shifts.confirmedMinutes)}`}
              value={h.statusLabel}
            />
          ))}
        </CellGroup>
      ) : null}
    </View>
  )
}

/** 我的岗位: the post I hold, its term and totals, leaving it, and my shifts with their state. */
export default function MyPostPage() {
  return (
    <SignedInPage className='my-post'>
      {(me) => (me.member ? <Mine /> : <StateView type='empty' title='尚未登记为在职党员' message='请联系所在党支部将您录入党员名单' />)}
    </SignedInPage>
  )
}
