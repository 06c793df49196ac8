import { useState } from 'react'
import { View } from '@tarojs/components'
import type { Shift, ShiftStatus } from '@nuancheng/shared'
import { POST_LIMITS, SHIFT_STATUS_LABELS, SHIFT_STATUSES } from '@nuancheng/shared/constants'
import { Tabs } from '../../../../components/Chips'
import { DecisionSheet, useDecision } from '../../../../components/DecisionSheet'
import { PagedListView } from '../../../../components/PagedListView'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { usePagedList } from '../../../../hooks/usePagedList'
import { confirmShift, fetchShifts, rejectShift } from '../../../../services/posts'
import { minutesText } from '../../../../utils/members-posts'
import { ShiftCard } from '../../components/ShiftCard'
import './index.scss'

/** One tab per state, in the order of progress, worded as the shift's own tag. */
const TABS: Array<{ key: ShiftStatus; label: string }> = SHIFT_STATUSES.map((key) => ({ key, label: SHIFT_STATUS_LABELS[key] }))

function Shifts() {
  const [tab, setTab] = useState<ShiftStatus>('pending')
  const list = usePagedList(`shifts-${tab}`, (page) => fetchShifts(tab, page))
  const decision = useDecision<Shift>({
    reasonMin: POST_LIMITS.reasonMin,
    decide: (s, action, reason) => (action === 'confirm' ? confirmShift(s.id) : rejectShift(s.id, reason)),
    done: { confirm: '已确认', reject: '已退回' },
    reload: list.reload
  })
  const { open, start } = decision

  return (
    <View>
      <Tabs tabs={TABS} value={tab} onChange={setTab} />
      <PagedListView
        list={list}
        empty={{ title: tab === 'pending' ? '没有待确认的值守记录' : '暂无记录', message: '在岗党员登记的值守记录会出现在这里' }}
        className='svc-list'
        id='shift-list'
        head={tab === 'pending' ? <View className='nc-hint'>共 {list.total} 条待确认，确认后计入党员服务时长</View> : null}
      >
        {(s) => (
          <ShiftCard
            key={s.id}
            s={s}
            showMember
            buttons={
              s.actions.length ? (
                <>
                  {s.actions.includes('reject') ? (
                    <NcButton size='small' className='shift-reject' onClick={() => start(s, 'reject')}>
                      不予确认
                    </NcButton>
                  ) : null}
                  {s.actions.includes('confirm') ? (
                    <NcButton size='small' type='primary' className='shift-confirm' onClick={() => start(s, 'confirm')}>
                      确认
                    </NcButton>
                  ) : null}
                </>
              ) : null
            }
          />
        )}
      </PagedListView>
      {open ? (
        <DecisionSheet
          decision={decision}
          title={`${open.action === 'confirm' ? '确认' : '不予确认'} ${open.item.member.name} ${open.item.date} 的值守`}
          hint={open.action === 'confirm' ? `确认后 ${minutesText(open.item.minutes)} 计入该党员的服务时长。` : '请写明原因，党员会收到通知。'}
          confirmText={open.action === 'confirm' ? '确认' : '不予确认'}
          reasonId='shift-reject-reason'
          reasonMax={POST_LIMITS.reasonMax}
          reasonPlaceholder='如：当天未见到值守'
        />
      ) : null}
    </View>
  )
}

/** 值守确认: shifts logged on my communities' posts; confirm (credited to the ledger) or reject with a reason. */
export default function ShiftConfirmationsPage() {
  return <SignedInPage className='shifts'>{() => <Shifts />}</SignedInPage>
}
