import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityType, OrganisablePlace } from '@nuancheng/shared'
import { ACTIVITY_LIMITS, ACTIVITY_TYPES } from '@nuancheng/shared/constants'
import { Check, Chips, choices } from '../../../../components/Chips'
import { Field } from '../../../../components/Field'
import { TextField } from '../../../../components/TextField'
import { NcButton } from '../../../../components/NcButton'
import { PrivacyGate } from '../../../../components/PrivacyGate'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { textBinder } from '../../../../hooks/useFormFields'
import { useSubmit } from '../../../../hooks/useSubmit'
import { fetchActivityPlaces, publishActivity } from '../../../../services/activities'
import { fromPickerParts, pickerParts, quickStart } from '../../../../utils/activities'
import { currentFix, LocationError } from '../../../../utils/location'
import '../../styles.scss'

const DURATIONS = ['30', '60', '120', '180', '240', '480'] as const
const DURATION_LABELS: Record<(typeof DURATIONS)[number], string> = {
  '30': '30 分钟',
  '60': '1 小时',
  '120': '2 小时',
  '180': '3 小时',
  '240': '半天',
  '480': '全天'
}
const DEADLINES = ['start', 'dayBefore', 'end'] as const
const DEADLINE_LABELS: Record<(typeof DEADLINES)[number], string> = { start: '活动开始时', dayBefore: '开始前 1 天', end: '活动结束时' }
const RADII = ['', '100', '200', '300', '500', '1000'] as const

const placeKey = (p: OrganisablePlace) => `${p.communityId}:${p.organisationId ?? ''}`
const placeLabel = (p: OrganisablePlace, places: OrganisablePlace[]) =>
  p.organisationName && places.some((o) => o.organisationId !== p.organisationId) ? `${p.communityName}（${p.organisationName}）` : p.communityName

function PublishForm({ places }: { places: OrganisablePlace[] }) {
  const first = pickerParts(quickStart('hour'))
  const [v, setV] = useState({
    place: places[0] ? placeKey(places[0]) : '',
    commitmentId: '',
    title: '',
    type: '' as ActivityType | '',
    placeName: '',
    day: first.day,
    time: first.time,
    duration: '120' as (typeof DURATIONS)[number],
    capacity: '20',
    deadline: 'start' as (typeof DEADLINES)[number],
    walkIns: false,
    description: '',
    radius: '' as (typeof RADII)[number],
    point: null as { lat: number; lng: number } | null
  })
  const { busy, submit: send } = useSubmit()
  const [locating, setLocating] = useState(false)
  if (!places.length)
    return (
      <StateView
        type='empty'
        title='无法发布'
        message='志愿服务活动由社区工作者在本社区发布；机关单位在与街道或社区签订的共建协议生效后，可在协议覆盖的社区组织活动'
      />
    )
  const place = places.find((p) => placeKey(p) === v.place) ?? places[0]
  const set = <K extends keyof typeof v>(key: K, value: (typeof v)[K]) => setV((old) => ({ ...old, [key]: value }))
  const bind = textBinder(v, set)
  const pick = (kind: 'now' | 'hour' | 'tomorrow') => {
    const p = pickerParts(quickStart(kind))
    setV((old) => ({ ...old, day: p.day, time: p.time }))
  }
  const here = async () => {
    setLocating(true)
    try {
      const fix = await currentFix()
      set('point', { lat: fix.lat, lng: fix.lng })
      Taro.showToast({ title: '已使用当前位置', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: e instanceof LocationError ? e.message : '暂时无法获取位置', icon: 'none', duration: 3000 })
    } finally {
      setLocating(false)
    }
  }
  const submit = async () => {
    const start = fromPickerParts(v.day, v.time)
    const problem = !place
      ? '请选择社区'
      : v.title.trim().length < ACTIVITY_LIMITS.titleMin
        ? '请填写活动名称'
        : !v.type
          ? '请选择活动类型'
          : v.placeName.trim().length < ACTIVITY_LIMITS.placeMin
            ? '请填写活动地点'
            : !start
              ? '请选择开始时间'
              : !(Number(v.capacity) >= 1)
                ? '请填写人数上限'
                : null
    if (problem) return Taro.showToast({ title: problem, icon: 'none' })
    const end = new Date(start!.getTime() + Number(v.duration) * 60000)
    const deadline = v.deadline === 'start' ? start! : v.deadline === 'end' ? end : new Date(start!.getTime() - 24 * 3600000)
    await send(
      () =>
        publishActivity({
          communityId: place.communityId,
          ...(place.organisationId ? { organisationId: place.organisationId } : {}),
          ...(v.commitmentId && place.commitments.some((c) => c.id === v.commitmentId) ? { commitmentId: v.commitmentId } : {}),
          title: v.title.trim(),
          type: v.type as ActivityType,
          placeName: v.placeName.trim(),
          ...(v.description.trim() ? { description: v.description.trim() } : {}),
          ...(v.point ? { lat: v.point.lat, lng: v.point.lng } : {}),
          ...(v.radius ? { radiusM: Number(v.radius) } : {}),
          startAt: start!.toISOString(),
          endAt: end.toISOString(),
          capacity: Math.floor(Number(v.capacity)),
          signupDeadline: deadline.toISOString(),
          walkInsAllowed: v.walkIns
        }),
      {
        toast: '已发布',
        then: (a) => setTimeout(() => Taro.redirectTo({ url: `/packages/activities/pages/detail/index?id=${encodeURIComponent(a.id)}` }), 600)
      }
    )
  }
  return (
    <View id='activity-form'>
      <View className='nc-form'>
        {places.length > 1 ? (
          <Field label='社区' required>
            <Chips
              id='activity-community'
              {...choices(places, (p) => [placeKey(p), placeLabel(p, places)])}
              value={v.place}
              onChange={(key) => setV((old) => ({ ...old, place: key, commitmentId: '' }))}
            />
          </Field>
        ) : null}
        {place.organisationName ? (
          <View className='nc-hint' id='activity-organiser'>
            <Text>
              以{place.organisationName}的名义在{place.streetName}
              {place.communityName}组织（共建协议生效中）
            </Text>
          </View>
        ) : null}
        {place.commitments.length ? (
          <Field label='兑现共建承诺（选填）' hint='活动结束后计入该承诺的兑现情况'>
            <Chips
              id='activity-commitment'
              options={['', ...place.commitments.map((c) => c.id)]}
              labels={Object.fromEntries([
                ['', '不关联'],
                ...place.commitments.map((c) => [c.id, `${c.unitName}：${c.description}（${c.quantity} ${c.unit}）`])
              ])}
              value={v.commitmentId}
              onChange={(id) => set('commitmentId', id)}
            />
          </Field>
        ) : null}
        <TextField label='活动名称' required id='activity-title' max={ACTIVITY_LIMITS.titleMax} placeholder='如：普法宣传进社区' {...bind('title')} />
        <Field label='活动类型' required>
          <Chips id='activity-type' options={ACTIVITY_TYPES} value={v.type} onChange={(t) => set('type', t)} />
        </Field>
        <TextField
          label='活动地点'
          required
          id='activity-place'
          max={ACTIVITY_LIMITS.placeMax}
          placeholder='如：康都小区中心广场'
          {...bind('placeName')}
        />
        <Field label='签到位置' hint={v.point ? `当前位置（${v.point.lat.toFixed(5)}, ${v.point.lng.toFixed(5)}）` : '默认使用社区的位置和签到范围'}>
          <NcButton size='small' id='use-here' loading={locating} onClick={() => void here()}>
            使用我现在的位置
          </NcButton>
        </Field>
        <Field label='签到范围'>
          <Chips
            id='activity-radius'
            options={RADII}
            labels={{ '': '社区默认', '100': '100 米', '200': '200 米', '300': '300 米', '500': '500 米', '1000': '1 公里' }}
            value={v.radius}
            onChange={(r) => set('radius', r)}
          />
        </Field>
        <Field label='开始时间' required>
          <Chips
            id='activity-start-quick'
            options={['now', 'hour', 'tomorrow'] as const}
            labels={{ now: '现在开始', hour: '1 小时后', tomorrow: '明天 9:00' }}
            value={null}
            onChange={pick}
          />
          <View className='nc-switch-row'>
            <Picker mode='date' value={v.day} onChange={(e) => set('day', String(e.detail.value))}>
              <Text className='nc-picker' id='activity-day'>
                {v.day}
              </Text>
            </Picker>
            <Picker mode='time' value={v.time} onChange={(e) => set('time', String(e.detail.value))}>
              <Text className='nc-picker' id='activity-time'>
                {v.time}
              </Text>
            </Picker>
          </View>
        </Field>
        <Field label='活动时长' required>
          <Chips id='activity-duration' options={DURATIONS} labels={DURATION_LABELS} value={v.duration} onChange={(d) => set('duration', d)} />
        </Field>
        <TextField label='人数上限' required id='activity-capacity' type='number' {...bind('capacity')} />
        <Field label='报名截止'>
          <Chips id='activity-deadline' options={DEADLINES} labels={DEADLINE_LABELS} value={v.deadline} onChange={(d) => set('deadline', d)} />
        </Field>
        <Field label='现场报名'>
          <Check id='activity-walkins' checked={v.walkIns} onChange={(c) => set('walkIns', c)}>
            <Text>允许未报名的党员在现场直接签到（占用名额）</Text>
          </Check>
        </Field>
        <TextField
          label='活动说明（选填）'
          id='activity-description'
          max={ACTIVITY_LIMITS.descriptionMax}
          placeholder='活动内容、集合地点、需要携带的物品'
          multiline
          {...bind('description')}
        />
      </View>
      <View className='nc-actions'>
        <NcButton type='primary' block id='submit-activity' loading={busy} onClick={() => void submit()}>
          发布
        </NcButton>
      </View>
    </View>
  )
}

function Places() {
  const places = useAsync('places', fetchActivityPlaces)
  if (places.status === 'loading') return <StateView type='loading' />
  if (places.status === 'error')
    return <StateView type='error' title='加载失败' message={places.error?.message} actionText='重新加载' onAction={places.reload} />
  return <PublishForm places={places.data!.items} />
}

/** 发布志愿服务活动: community staff in a community they serve; org admins where their unit's agreement is in force. */
export default function PublishActivityPage() {
  return (
    <View className='nc-page publish-activity'>
      <PrivacyGate purpose='位置信息仅用于设置活动的签到位置，只在您点选时读取一次' />
      <RequireLogin>{() => <Places />}</RequireLogin>
    </View>
  )
}
