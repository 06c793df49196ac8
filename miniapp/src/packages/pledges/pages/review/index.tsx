import { useState } from 'react'
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { Me } from '@nuancheng/shared'
import { Chips } from '../../../../components/Chips'
import { PagedListView } from '../../../../components/PagedListView'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchPledges } from '../../../../services/pledges'
import { cstToday } from '../../../../utils/pledges'
import { PledgeCard } from '../../components'
import './index.scss'

const TABS = ['todo', 'overdue', 'all'] as const
type Tab = (typeof TABS)[number]
const TAB_LABELS: Record<Tab, string> = { todo: '待我处理', overdue: '超期未践诺', all: '本年度全部' }
const EMPTY: Record<Tab, { title: string; message: string }> = {
  todo: { title: '暂无待处理的承诺', message: '党员提交的承诺（待审核）和已践诺的承诺（待评诺）会出现在这里' },
  overdue: { title: '暂无超期的承诺', message: '过了完成期限仍未践诺的承诺会出现在这里' },
  all: { title: '本年度暂无承诺', message: '' }
}
const SUPERVISORS = ['branch_secretary', 'community_staff', 'committee_admin', 'system_admin']

function Review({ me, initial, branchId }: { me: Me; initial: Tab; branchId?: string }) {
  const onlyCommittee = !me.roles.some((r) => r.role === 'branch_secretary' || r.role === 'community_staff')
  const [tab, setTab] = useState<Tab>(onlyCommittee && initial === 'todo' ? 'all' : initial)
  const year = Number(cstToday().slice(0, 4))
  const list = usePagedList(`${tab}|${branchId ?? ''}`, (page) =>
    fetchPledges({ todo: tab === 'todo', overdue: tab === 'overdue', year: tab === 'all' ? year : undefined, branchId, page, pageSize: 20 })
  )
  useReshow(list.reload)
  if (!me.roles.some((r) => SUPERVISORS.includes(r.role))) {
    return <StateView type='empty' title='没有查看权限' message='党支部书记、社区工作者和工委管理员可以查看党员承诺' />
  }
  return (
    <View>
      <View className='pledge-tabs'>
        <Chips id='pledge-tabs' options={onlyCommittee ? TABS.filter((t) => t !== 'todo') : TABS} labels={TAB_LABELS} value={tab} onChange={setTab} />
      </View>
      <PagedListView list={list} empty={{ title: EMPTY[tab].title, message: EMPTY[tab].message }} id='pledge-list'>
        {(p) => <PledgeCard key={p.id} p={p} showMember />}
      </PagedListView>
    </View>
  )
}

/** Branch secretary, community staff, committee: pledges to approve and assess, the overdue ones, and all of the year. */
export default function PledgeReviewPage() {
  const { params } = useRouter()
  const initial = (TABS as readonly string[]).includes(params.tab ?? '') ? (params.tab as Tab) : 'todo'
  const branchId = params.branchId ? decodeURIComponent(params.branchId) : undefined
  return <SignedInPage className='pledge-review'>{(me) => <Review me={me} initial={initial} branchId={branchId} />}</SignedInPage>
}
