import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { Me, Need, OnePlusN, Partner } from '@nuancheng/shared'
import { OVERDUE_LABELS } from '@nuancheng/shared/constants'
import { Chips, choices } from '../../../../components/Chips'
import { CardActions } from '../../../../components/CardActions'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchOnePlusN } from '../../../../services/agreements'
import { fetchRegions } from '../../../../services/regions'
import { committedText, onePlusNScopes } from '../../../../utils/agreements'
import { safeDecode } from '../../../../utils/community-code'
import { formatDate } from '../../../../utils/format'
import { agreementUrl, go, wishUrl } from '../../../../utils/navigation'
import { CommitmentRow } from '../../components/CommitmentRow'
import './index.scss'

const dispatchUrl = (n: Pick<Need, 'id' | 'title'>) =>
  `/packages/admin/pages/dispatch/index?id=${encodeURIComponent(n.id)}&title=${encodeURIComponent(n.title)}`

function PartnerCard({ p }: { p: Partner }) {
  return (
    <View className='agr-card partner-card' data-id={p.agreementId} hoverClass='nc-cell--hover' onClick={() => go(agreementUrl(p.agreementId))}>
      <View className='agr-card__head'>
        <Text className='agr-card__title'>{p.organisation.name}</Text>
        {p.region.level === 'community' ? <Text className='agr-cat'>{p.region.name}</Text> : null}
      </View>
      <Text className='agr-card__line'>
        协议期限 {p.startDate} 至 {p.endDate}
      </Text>
      {p.commitments.map((c) => (
        <CommitmentRow key={c.id} c={c} />
      ))}
    </View>
  )
}

function NeedCard({ n, canDispatch }: { n: Need; canDispatch: boolean }) {
  const open = () => (n.kind === 'wish' ? go(wishUrl(n.id)) : go('/packages/admin/pages/projects/index'))
  return (
    <View className='agr-card need-card' data-id={n.id} data-kind={n.kind} hoverClass='nc-cell--hover' onClick={open}>
      <View className='agr-card__head'>
        <Text className='agr-card__title'>{n.title}</Text>
        <Text className='agr-cat'>{n.kind === 'wish' ? '微心愿' : '民生实事'}</Text>
      </View>
      <Text className='agr-card__line'>
        {[n.community?.name, n.category, n.since ? `发布于 ${formatDate(n.since)}` : null].filter(Boolean).join(' · ')}
      </Text>
      {n.overdue ? <Text className='agr-card__line agr-card__line--danger'>{OVERDUE_LABELS[n.overdue]}</Text> : null}
      {n.matches.length ? (
        <View>
          <Text className='agr-card__line'>可对接的共建单位：</Text>
          {n.matches.map((m) => (
            <View key={m.agreementId} className='agr-match need-match'>
              <Text>
                {m.organisation.name} · {m.commitment.category}：{m.commitment.description}（{committedText(m.commitment)}）
              </Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className='agr-card__line'>{n.commitmentCategories.length ? '暂无资源清单匹配的共建单位' : '未标注类别'}</Text>
      )}
      {canDispatch && n.kind === 'wish' && n.status === 'published' ? (
        <CardActions className='agr-card__buttons'>
          <NcButton size='small' type='primary' className='need-dispatch' onClick={() => go(dispatchUrl(n))}>
            派单
          </NcButton>
        </CardActions>
      ) : null}
    </View>
  )
}

function View1N({ regionId, me }: { regionId: string; me: Me }) {
  const data = useAsync(`1+n|${regionId}`, () => fetchOnePlusN(regionId))
  useReshow(data.reload)
  if (data.status === 'loading') return <StateView type='loading' title='正在加载…' />
  if (data.status === 'error')
    return <StateView type='error' title='加载失败' message={data.error.message} actionText='重新加载' onAction={data.reload} />
  const v: OnePlusN = data.data
  const canDispatch = me.roles.some((r) => r.role === 'street_official' || r.role === 'committee_admin')
  return (
    <View id='one-plus-n' data-region={v.region.id}>
      <View className='agr-card'>
        <Text className='agr-card__title' id='one-plus-n-region'>
          {v.region.name}
          {v.region.level === 'community' ? `（${v.street.name}）` : ''}
        </Text>
        <Text className='agr-card__line'>“1”个{v.region.level === 'community' ? '社区' : '街道'}，“N”个共建单位：资源清单对接需求清单</Text>
      </View>
      <View className='agr-totals'>
        <View className='agr-totals__item'>
          <Text className='agr-totals__num' id='total-partners'>
            {v.totals.partners}
          </Text>
          <Text className='agr-totals__label'>共建单位</Text>
        </View>
        <View className='agr-totals__item'>
          <Text className='agr-totals__num'>{v.totals.commitments}</Text>
          <Text className='agr-totals__label'>资源承诺</Text>
        </View>
        <View className='agr-totals__item'>
          <Text className='agr-totals__num'>{v.totals.needs}</Text>
          <Text className='agr-totals__label'>待办需求</Text>
        </View>
        <View className='agr-totals__item'>
          <Text className='agr-totals__num'>{v.totals.matchedNeeds}</Text>
          <Text className='agr-totals__label'>可对接</Text>
        </View>
      </View>
      <View className='nc-section-title'>需求清单</View>
      {v.needs.length === 0 ? (
        <StateView type='empty' title='暂无待办需求' message='无人认领和超期的微心愿、待认领的民生实事会出现在这里' />
      ) : (
        <View id='need-list'>
          {v.needs.map((n) => (
            <NeedCard key={`${n.kind}-${n.id}`} n={n} canDispatch={canDispatch} />
          ))}
        </View>
      )}
      <View className='nc-section-title'>共建单位 · 资源清单</View>
      {v.partners.length === 0 ? (
        <StateView type='empty' title='暂无生效的共建协议' message='单位与本街道（社区）签订的共建协议会签后出现在这里' />
      ) : (
        <View id='partner-list'>
          {v.partners.map((p) => (
            <PartnerCard key={p.agreementId} p={p} />
          ))}
        </View>
      )}
    </View>
  )
}

/** A committee admin (or an org admin without a street of their own) first picks a street. */
function PickStreet({ me }: { me: Me }) {
  const streets = useAsync('streets', () => fetchRegions('street'))
  const [streetId, setStreetId] = useState('')
  if (streets.status === 'loading') return <StateView type='loading' />
  if (streets.status === 'error')
    return <StateView type='error' title='加载失败' message={streets.error.message} actionText='重新加载' onAction={streets.reload} />
  return (
    <View>
      <View className='agr-filters'>
        <Chips id='one-plus-n-street' {...choices(streets.data, (s) => [s.id, s.name])} value={streetId} onChange={setStreetId} />
      </View>
      {streetId ? <View1N regionId={streetId} me={me} /> : <StateView type='empty' title='请选择街道' />}
    </View>
  )
}

/** 1+N 区域共建: a street's (or a community's) partner units with their resource lists, beside its needs list. */
export default function OnePlusNPage() {
  const { params } = useRouter()
  const given = params.regionId ? safeDecode(params.regionId) : ''
  return (
    <SignedInPage className='one-plus-n'>
      {(me) => {
        const regionId = given || onePlusNScopes(me.roles)[0]?.scopeId
        return regionId ? <View1N regionId={regionId} me={me} /> : <PickStreet me={me} />
      }}
    </SignedInPage>
  )
}
