import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { ActivityDetail, ActivityOfferedAction } from '@nuancheng/shared'
import { ACTIVITY_STATUS_LABELS } from '@nuancheng/shared/constants'
import { Cell, CellGroup } from '../../../../components/Cell'
import { NcButton } from '../../../../components/NcButton'
import { Sheet, SheetText } from '../../../../components/Sheet'
import { StateView } from '../../../../components/StateView'
import { useReshow } from '../../../../hooks/useReshow'
import { cancelActivity, cancelSignup, endActivity, fetchActivity, signUpActivity } from '../../../../services/activities'
import { errorMessage } from '../../../../services/request'
import { activityPhase, activityTime, attendanceLabel, hoursLabel, minutesText } from '../../../../utils/activities'
import { formatDateTime } from '../../../../utils/format'
import { go } from '../../../../utils/navigation'
import '../../styles.scss'

const page = (name: string, id: string) => `/packages/activities/pages/${name}/index?id=${encodeURIComponent(id)}`

/** The buttons, in the server's order (ACTIVITY_OFFERED_ACTIONS): what each opens or asks. */
const LABELS: Record<ActivityOfferedAction, string> = {
  signup: '报名参加',
  cancel_signup: '取消报名',
  checkin: '扫码签到',
  checkout: '扫码签退',
  show_code: '出示签到码',
  record_attendance: '补录签到',
  review_hours: '审核服务时长',
  end: '结束活动',
  cancel: '取消活动'
}
const PRIMARY: ActivityOfferedAction[] = ['signup', 'checkin', 'checkout', 'show_code', 'review_hours']

function Detail({ id }: { id: string }) {
  const [state, setState] = useState<{ status: 'loading' | 'ok' | 'error'; a: ActivityDetail | null; error: string }>({
    status: 'loading',
    a: null,
    error: ''
  })
  const [busy, setBusy] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const load = useCallback(() => {
    fetchActivity(id).then(
      (a) => setState({ status: 'ok', a, error: '' }),
      (e: unknown) => setState({ status: 'error', a: null, error: errorMessage(e, '加载失败') })
    )
  }, [id])
  useEffect(load, [load])
  useReshow(load)

  if (state.status === 'loading') return <StateView type='loading' />
  if (!state.a) return <StateView type='error' title='加载失败' message={state.error} actionText='重新加载' onAction={load} />
  const a = state.a

  const run = async (work: () => Promise<ActivityDetail>, done: string) => {
    setBusy(true)
    try {
      setState({ status: 'ok', a: await work(), error: '' })
      Taro.showToast({ title: done, icon: 'success' })
    } catch {
      // request() has shown the server's message.
    } finally {
      setBusy(false)
    }
  }

  const press = async (action: ActivityOfferedAction) => {
    switch (action) {
      case 'signup':
        return run(() => signUpActivity(a.id), '报名成功')
      case 'cancel_signup': {
        const { confirm } = await Taro.showModal({ title: '取消报名', content: '确定取消报名吗？名额会让给其他党员。', confirmColor: '#c8161d' })
        return confirm ? run(() => cancelSignup(a.id), '已取消报名') : undefined
      }
      case 'checkin':
      case 'checkout':
        return go(page('checkin', a.id))
      case 'show_code':
        return go(page('code', a.id))
      case 'record_attendance':
        return go(page('manual', a.id))
      case 'review_hours':
        return go(page('review', a.id))
      case 'end': {
        const { confirm } = await Taro.showModal({ title: '结束活动', content: '结束后不能再签退，将开始审核服务时长。', confirmColor: '#c8161d' })
        return confirm ? run(() => endActivity(a.id), '活动已结束') : undefined
      }
      case 'cancel':
        setReason('')
        return setCancelling(true)
    }
  }

  const confirmCancel = async () => {
    if (reason.trim().length < 2) return Taro.showToast({ title: '请写明取消原因', icon: 'none' })
    setCancelling(false)
    await run(() => cancelActivity(a.id, reason.trim()), '活动已取消')
  }

  const mine = a.myAttendance
  return (
    <View id='activity-detail' data-id={a.id}>
      <View className='act-head'>
        <Text className='act-head__title' id='activity-title'>
          {a.title}
        </Text>
        <Text className='act-head__line'>
          <Text className='nc-tag' id='activity-phase'>
            {activityPhase(a)}
          </Text>{' '}
          {a.type}
        </Text>
        <Text className='act-head__line'>时间：{activityTime(a)}</Text>
        <Text className='act-head__line'>
          地点：{a.community.name} · {a.placeName}
        </Text>
        <Text className='act-head__line' id='activity-places'>
          名额：已报名 {a.taken} / {a.capacity} 人{a.walkInsAllowed ? '（可现场签到）' : ''}
        </Text>
        <Text className='act-head__line'>报名截止：{formatDateTime(a.signupDeadline)}</Text>
        <Text className='act-head__line'>组织者：{a.organiserName}</Text>
        {a.commitment ? (
          <Text className='act-head__line' id='activity-commitment-line'>
            兑现共建承诺：{a.commitment.unitName}·{a.commitment.description}
          </Text>
        ) : null}
        {a.description ? <Text className='act-head__desc'>{a.description}</Text> : null}
        {a.cancelReason ? <Text className='act-head__desc nc-danger-text'>取消原因：{a.cancelReason}</Text> : null}
      </View>

      {mine ? (
        <CellGroup title='我的参与'>
          <Cell title='状态' value={<Text id='my-status'>{attendanceLabel(mine.status)}</Text>} />
          {mine.checkedInAt ? <Cell title='签到时间' value={formatDateTime(mine.checkedInAt)} /> : null}
          {mine.checkedOutAt ? <Cell title='签退时间' value={formatDateTime(mine.checkedOutAt)} /> : null}
          {mine.hours ? (
            <Cell
              title='服务时长'
              desc={mine.hours.reason ?? undefined}
              value={
                <Text id='my-hours'>
                  {minutesText(mine.hours.minutes)}（{hoursLabel(mine.hours.status)}）
                </Text>
              }
            />
          ) : null}
        </CellGroup>
      ) : null}

      <CellGroup title='签到规则'>
        <Cell title='签到' desc={`${formatDateTime(a.checkinOpensAt)} 起，至活动结束`} />
        <Cell title='签退' desc={`${formatDateTime(a.checkoutOpensAt)} 至 ${formatDateTime(a.checkoutClosesAt)}`} />
        <Cell title='位置' desc={`需在活动地点 ${a.radiusM} 米范围内，扫描组织者手机上的签到码`} />
      </CellGroup>

      {a.isOrganiser ? (
        <CellGroup title='组织者'>
          <Cell id='go-attendance' title='现场名单' desc='报名、签到、签退情况' link onClick={() => go(page('attendance', a.id))} />
          <Cell title='活动状态' value={ACTIVITY_STATUS_LABELS[a.status]} />
        </CellGroup>
      ) : null}

      <View className='nc-actions'>
        {a.actions.map((action) => (
          <NcButton
            key={action}
            id={`action-${action}`}
            type={PRIMARY.includes(action) ? 'primary' : 'default'}
            block
            loading={busy && !PRIMARY.includes(action)}
            onClick={() => void press(action)}
          >
            {LABELS[action]}
          </NcButton>
        ))}
      </View>

      {cancelling ? (
        <Sheet
          title='取消活动'
          hint='已报名的党员会收到通知'
          confirmText='确认取消'
          busy={busy}
          onConfirm={() => void confirmCancel()}
          onClose={() => setCancelling(false)}
        >
          <SheetText id='cancel-reason' value={reason} max={200} placeholder='请写明取消原因，如：遇大风天气' onInput={setReason} />
        </Sheet>
      ) : null}
    </View>
  )
}

/** 活动详情: the activity, my sign-up and hours, and the buttons the server offers me. */
export default function ActivityDetailPage() {
  const { params } = useRouter()
  return <View className='nc-page activity-detail'>{params.id ? <Detail id={params.id} /> : <StateView type='error' title='链接有误' />}</View>
}
