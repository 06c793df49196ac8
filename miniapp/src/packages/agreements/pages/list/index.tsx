import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { AgreementStatus, AgreementSummary, Me } from '@nuancheng/shared'
import { AGREEMENT_STATUS_LABELS, AGREEMENT_STATUSES } from '@nuancheng/shared/constants'
import { Chips } from '../../../../components/Chips'
import { PagedListView } from '../../../../components/PagedListView'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StatusTag } from '../../../../components/StatusTag'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchAgreements } from '../../../../services/agreements'
import { agreementStatusLabel, agreementStatusTone, daysLeftText, onePlusNScopes, proposerScopes } from '../../../../utils/agreements'
import { agreementUrl, go, onePlusNUrl, proposeAgreementUrl } from '../../../../utils/navigation'
import './index.scss'

const FILTERS = ['all', ...AGREEMENT_STATUSES] as const
type Filter = (typeof FILTERS)[number]
const FILTER_LABELS: Record<Filter, string> = { all: '全部', ...AGREEMENT_STATUS_LABELS }

function AgreementCard({ a }: { a: AgreementSummary }) {
  const left = a.status === 'in_force' ? daysLeftText(a.daysLeft) : null
  return (
    <View className='agr-card agreement-card' data-id={a.id} hoverClass='nc-cell--hover' onClick={() => go(agreementUrl(a.id))}>
      <View className='agr-card__head'>
        <Text className='agr-card__title'>
          {a.organisation.name} × {a.region.name}
        </Text>
        <StatusTag label={agreementStatusLabel(a.status)} tone={agreementStatusTone(a.status)} className='agreement-status' />
      </View>
      {a.region.level === 'community' ? <Text className='agr-card__line'>{a.street.name} · 社区共建</Text> : null}
      <Text className='agr-card__line'>
        期限 {a.startDate} 至 {a.endDate}
        {left ? `（${left}）` : ''}
      </Text>
      <View className='agr-cats'>
        {a.categories.map((c) => (
          <Text key={c} className='agr-cat'>
            {c}
          </Text>
        ))}
      </View>
    </View>
  )
}

function Agreements({ me }: { me: Me }) {
  const [filter, setFilter] = useState<Filter>('all')
  const list = usePagedList(`agreements|${filter}`, (page) =>
    fetchAgreements({ status: filter === 'all' ? undefined : (filter as AgreementStatus), page, pageSize: 20 })
  )
  useReshow(list.reload)
  const canPropose = proposerScopes(me.roles).length > 0
  const places = onePlusNScopes(me.roles)
  const isCommittee = me.roles.some((r) => r.role === 'committee_admin')

  return (
    <View>
      {canPropose || places.length || isCommittee ? (
        <View className='nc-actions' style={{ paddingTop: '24px' }}>
          {canPropose ? (
            <NcButton type='primary' block id='go-propose' onClick={() => go(proposeAgreementUrl())}>
              拟定共建协议
            </NcButton>
          ) : null}
          {places.map((p) => (
            <NcButton key={p.id} block className='go-one-plus-n' onClick={() => go(onePlusNUrl(p.scopeId!))}>
              {`${p.scopeName ?? ''} 1+N 共建`}
            </NcButton>
          ))}
          {isCommittee && places.length === 0 ? (
            <NcButton block className='go-one-plus-n' onClick={() => go(onePlusNUrl())}>
              街道 1+N 共建
            </NcButton>
          ) : null}
        </View>
      ) : null}
      <View className='agr-filters'>
        <Chips id='agreement-filter' options={FILTERS} labels={FILTER_LABELS} value={filter} onChange={setFilter} />
      </View>
      <PagedListView list={list} empty={{ title: '暂无共建协议', message: '单位与街道、社区签订的共建协议会出现在这里' }} id='agreement-list'>
        {(a) => <AgreementCard key={a.id} a={a} />}
      </PagedListView>
    </View>
  )
}

/** 共建协议: my unit's (org admin), my street's (official) or my community's (staff) agreements, with state tags. */
export default function AgreementListPage() {
  return <SignedInPage className='agreements'>{(me) => <Agreements me={me} />}</SignedInPage>
}
