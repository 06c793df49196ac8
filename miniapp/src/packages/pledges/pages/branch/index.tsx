import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { Me, PledgeStatus } from '@nuancheng/shared'
import { PLEDGE_STATUS_LABELS, PLEDGE_STATUSES, PROJECT_STATUS_LABELS } from '@nuancheng/shared/constants'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchBranchPage } from '../../../../services/pledges'
import { go } from '../../../../utils/navigation'
import './index.scss'

const PROJECTS = '/packages/admin/pages/projects/index'

function Branch({ me, id }: { me: Me; id: string }) {
  // Without an id: the secretary's own branch.
  const branchId = id || me.roles.find((r) => r.role === 'branch_secretary' && r.scopeId)?.scopeId || ''
  const page = useAsync(branchId || null, () => fetchBranchPage(branchId))
  useReshow(page.reload)
  if (!branchId) return <StateView type='empty' title='您还不是党支部书记' message='党支部书记可以在这里查看本支部的民生实事和党员承诺' />
  if (page.status === 'loading') return <StateView type='loading' />
  if (page.status === 'error')
    return <StateView type='error' title='加载失败' message={page.error.message} actionText='重新加载' onAction={page.reload} />
  const b = page.data
  const review = (tab: string) => go(`/packages/pledges/pages/review/index?tab=${tab}&branchId=${encodeURIComponent(b.branch.id)}`)
  return (
    <View id='branch-page'>
      <View className='pledge-head'>
        <Text className='pledge-head__content' id='branch-name'>
          {b.branch.name}
        </Text>
        {b.unit ? <Text className='pledge-head__line'>{b.unit.name}</Text> : null}
        <Text className='pledge-head__line'>{b.year} 年度</Text>
      </View>

      <View className='nc-section-title'>一支部一实事</View>
      {b.projects.length ? (
        <View id='branch-projects'>
          {b.projects.map((p) => (
            <View key={p.id} className='pledge-card' data-id={p.id} onClick={() => go(PROJECTS)}>
              <View className='pledge-card__head'>
                <Text className='pledge-card__title'>{p.title}</Text>
                <Text className='nc-tag'>{PROJECT_STATUS_LABELS[p.status]}</Text>
              </View>
              <Text className='pledge-card__line'>
                {p.region.name} · {p.location}
              </Text>
              <Text className='pledge-card__line'>进度 {p.percent}%</Text>
            </View>
          ))}
        </View>
      ) : (
        <View>
          <View className='nc-hint' id='branch-no-project'>
            本支部 {b.year} 年尚未认领民生实事。到「民生实事」中选择一个项目，以本支部名义认领。
          </View>
          <View className='nc-actions'>
            <NcButton type='primary' block onClick={() => go(PROJECTS)}>
              去认领民生实事
            </NcButton>
          </View>
        </View>
      )}

      <View className='nc-section-title'>一党员一践诺（共 {b.pledges.total} 项）</View>
      <View className='pledge-counts' id='branch-pledge-counts' onClick={() => review('all')}>
        {PLEDGE_STATUSES.map((s: PledgeStatus) => (
          <View key={s} className='pledge-count'>
            <Text className='pledge-count__n'>{b.pledges.byStatus[s] ?? 0}</Text>
            <Text className='pledge-count__label'>{PLEDGE_STATUS_LABELS[s]}</Text>
          </View>
        ))}
        <View className='pledge-count'>
          <Text className='pledge-count__n'>{b.pledges.overdue}</Text>
          <Text className='pledge-count__label'>超期</Text>
        </View>
      </View>
      <View className='nc-actions'>
        <NcButton block onClick={() => review('overdue')}>
          查看超期未践诺
        </NcButton>
      </View>
    </View>
  )
}

/** A branch's page: its livelihood projects of the year (一支部一实事) and its members' pledges (一党员一践诺). */
export default function BranchPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return <SignedInPage className='branch-page'>{(me) => <Branch me={me} id={id} />}</SignedInPage>
}
