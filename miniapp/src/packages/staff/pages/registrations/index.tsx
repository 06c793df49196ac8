import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { Registration, TimelineEntry } from '@nuancheng/shared'
import { REGISTRATION_LIMITS, REGISTRATION_STATUS_LABELS } from '@nuancheng/shared/constants'
import { Tabs } from '../../../../components/Chips'
import { DecisionSheet, useDecision } from '../../../../components/DecisionSheet'
import { PagedListView } from '../../../../components/PagedListView'
import { CardActions } from '../../../../components/CardActions'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { Timeline } from '../../../../components/Timeline'
import { usePagedList } from '../../../../hooks/usePagedList'
import { confirmRegistration, fetchRegistrations, fetchRegistrationTimeline, rejectRegistration } from '../../../../services/registrations'
import { formatDate, formatDateTime } from '../../../../utils/format'
import './index.scss'

type Tab = 'pending' | 'confirmed'
/** The two states staff work with, in the order of progress, worded as the registration's own tag. */
const TABS: Array<{ key: Tab; label: string }> = (['pending', 'confirmed'] as const).map((key) => ({ key, label: REGISTRATION_STATUS_LABELS[key] }))

/** 市医保局机关党支部 (the unit is in the branch's name), or 市人大常委会办公室 · 第一党支部. */
function orgLine(r: Registration): string {
  const unit = r.member.unit?.name ?? ''
  const branch = r.member.branch?.name ?? ''
  if (!branch) return unit
  return !unit || branch.startsWith(unit) ? branch : `${unit} · ${branch}`
}

function RegistrationCard({ r, onAction }: { r: Registration; onAction: (action: 'confirm' | 'reject') => void }) {
  const [timeline, setTimeline] = useState<TimelineEntry[] | null>(null)
  const [open, setOpen] = useState(false)
  // Tapping the card shows its history; the buttons below act without opening it.
  const toggle = () => {
    setOpen(!open)
    if (!timeline)
      fetchRegistrationTimeline(r.id).then(
        (res) => setTimeline(res.items),
        () => setTimeline([])
      )
  }
  return (
    <View className='svc-card registration-card' data-id={r.id} hoverClass='svc-card--hover' onClick={toggle}>
      <View className='svc-card__head'>
        <Text className='svc-card__title registration-card__name'>{r.member.name}</Text>
        <Text className={`nc-status nc-status--${r.status === 'pending' ? 'warning' : 'success'}`}>{r.statusLabel}</Text>
      </View>
      <Text className='svc-card__line'>{orgLine(r)}</Text>
      <Text className='svc-card__line'>
        报到社区：<Text className='svc-card__strong'>{r.community.name}</Text>
      </Text>
      <Text className='svc-card__line'>
        {r.status === 'pending' ? `申请于 ${formatDateTime(r.requestedAt)}` : `确认于 ${formatDate(r.decidedAt)}`}
      </Text>
      {r.replaces ? <Text className='svc-card__note'>该党员现已在{r.replaces.community.name}报到，确认后将转到本社区</Text> : null}
      {open ? (
        <View style={{ marginTop: '16px' }}>{timeline ? <Timeline items={timeline} /> : <Text className='svc-card__line'>正在加载…</Text>}</View>
      ) : null}
      {r.actions.length ? (
        <CardActions className='svc-card__buttons'>
          {r.actions.includes('reject') ? (
            <NcButton size='small' className='registration-reject' onClick={() => onAction('reject')}>
              不予确认
            </NcButton>
          ) : null}
          {r.actions.includes('confirm') ? (
            <NcButton size='small' type='primary' className='registration-confirm' onClick={() => onAction('confirm')}>
              确认报到
            </NcButton>
          ) : null}
        </CardActions>
      ) : null}
    </View>
  )
}

function Registrations() {
  const { params } = useRouter()
  const [tab, setTab] = useState<Tab>(params.status === 'confirmed' ? 'confirmed' : 'pending')
  const list = usePagedList(`registrations-${tab}`, (page) => fetchRegistrations(tab, page))
  const decision = useDecision<Registration>({
    reasonMin: REGISTRATION_LIMITS.reasonMin,
    decide: (r, action, reason) => (action === 'confirm' ? confirmRegistration(r.id) : rejectRegistration(r.id, reason)),
    done: { confirm: '已确认报到', reject: '已退回申请' },
    reload: list.reload
  })
  const { open } = decision

  return (
    <View>
      <Tabs tabs={TABS} value={tab} onChange={setTab} />
      <PagedListView
        list={list}
        empty={{ title: tab === 'pending' ? '没有待确认的报到申请' : '还没有党员报到', message: '在职党员向本社区申请报到后会出现在这里' }}
        className='svc-list'
        id='registration-list'
        head={
          <View className='nc-hint'>
            共 {list.total} 位{tab === 'pending' ? '党员等待确认，请核实居住情况后确认' : '党员在本社区报到'}
          </View>
        }
      >
        {(r) => <RegistrationCard key={r.id} r={r} onAction={(action) => decision.start(r, action)} />}
      </PagedListView>
      {open ? (
        <DecisionSheet
          decision={decision}
          title={
            open.action === 'confirm' ? `确认 ${open.item.member.name} 到${open.item.community.name}报到` : `不予确认 ${open.item.member.name} 的报到`
          }
          hint={
            open.action === 'confirm'
              ? open.item.replaces
                ? `确认后，其在${open.item.replaces.community.name}的报到将结束。`
                : '确认后该党员即为本社区报到党员。'
              : '请写明原因，党员会收到通知。'
          }
          confirmText={open.action === 'confirm' ? '确认报到' : '不予确认'}
          reasonId='reject-reason'
          reasonMax={REGISTRATION_LIMITS.reasonMax}
          reasonPlaceholder='如：经核实不在本社区居住'
        />
      ) : null}
    </View>
  )
}

/** 党员报到确认: requests waiting in my communities (confirm / reject with a reason) and the members registered. */
export default function RegistrationsPage() {
  return <SignedInPage className='staff-registrations'>{() => <Registrations />}</SignedInPage>
}
