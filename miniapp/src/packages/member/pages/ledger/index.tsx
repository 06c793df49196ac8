import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { LedgerEntry, LedgerPage } from '@nuancheng/shared'
import { Chips, choices } from '../../../../components/Chips'
import { PagedListView } from '../../../../components/PagedListView'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchMyLedger } from '../../../../services/ledger'
import { minutesText, recentHalfYears } from '../../../../utils/activities'
import { formatDate, formatYuan } from '../../../../utils/format'
import './index.scss'

function Entry({ e }: { e: LedgerEntry }) {
  return (
    <View className={`ledger-entry ${e.corrected ? 'ledger-entry--corrected' : ''}`} data-kind={e.kind}>
      <View className='ledger-entry__top'>
        <Text className='ledger-entry__title'>{e.description}</Text>
        {e.minutes ? (
          <Text className='ledger-entry__minutes'>{minutesText(e.minutes)}</Text>
        ) : e.valueYuan ? (
          <Text className='ledger-entry__minutes'>{formatYuan(e.valueYuan)}</Text>
        ) : null}
      </View>
      <Text className='ledger-entry__line'>
        {e.kindLabel} · {formatDate(e.occurredAt)}
        {e.community ? ` · ${e.community.name}` : ''}
      </Text>
      {e.reason ? <Text className='ledger-entry__line'>更正原因：{e.reason}</Text> : null}
      {e.corrected ? <Text className='ledger-entry__line'>（已更正）</Text> : null}
    </View>
  )
}

/** 我的服务时长: the member's ledger for a half year — totals by kind, then every entry. */
function Ledger() {
  const periods = recentHalfYears()
  const [period, setPeriod] = useState(periods[0].key)
  const [totals, setTotals] = useState<LedgerPage['totals'] | null>(null)
  const list = usePagedList<LedgerEntry>(period, async (page) => {
    const res = await fetchMyLedger(period, page)
    if (page === 1) setTotals(res.totals)
    return res
  })
  useReshow(list.reload)
  useEffect(() => setTotals(null), [period])
  return (
    <View>
      <View className='nc-form'>
        <Chips id='ledger-period' {...choices(periods, (p) => [p.key, p.label])} value={period} onChange={setPeriod} />
      </View>
      {totals ? (
        <View className='ledger-totals' id='ledger-totals'>
          <Text className='ledger-totals__label'>服务时长合计</Text>
          <Text className='ledger-totals__minutes' id='ledger-total-minutes'>
            {minutesText(totals.minutes)}
          </Text>
          {totals.byKind.map((k) => (
            <Text className='ledger-totals__kind' key={k.kind} data-kind={k.kind}>
              {k.label}：{k.minutes ? minutesText(k.minutes) : ''}
              {k.valueYuan ? ` ${formatYuan(k.valueYuan)}` : ''}（{k.entries} 条）
            </Text>
          ))}
        </View>
      ) : null}
      <PagedListView
        list={list}
        loading='加载中…'
        empty={{ title: '这半年还没有服务记录', message: '参加志愿服务活动、圆梦微心愿后会记录在这里' }}
        id='ledger-entries'
      >
        {(e) => <Entry key={e.id} e={e} />}
      </PagedListView>
    </View>
  )
}

export default function LedgerPagePage() {
  return (
    <SignedInPage className='member-ledger' message='登录后查看您的服务时长'>
      {(me) => (me.member ? <Ledger /> : <StateView type='empty' title='尚未登记为在职党员' message='服务台账面向在职党员' />)}
    </SignedInPage>
  )
}
