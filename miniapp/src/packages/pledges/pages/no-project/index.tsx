import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ListFooter } from '../../../../components/ListFooter'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { usePagedList } from '../../../../hooks/usePagedList'
import { fetchBranchesWithoutProject } from '../../../../services/pledges'
import { go } from '../../../../utils/navigation'
import './index.scss'

function Branches() {
  const [summary, setSummary] = useState<{ year: number; branches: number } | null>(null)
  const list = usePagedList('without', (page) =>
    fetchBranchesWithoutProject(page).then((r) => {
      setSummary({ year: r.year, branches: r.branches })
      return r
    })
  )
  if (list.status === 'loading') return <StateView type='loading' />
  if (list.status === 'error')
    return <StateView type='error' title='加载失败' message={list.error?.message} actionText='重新加载' onAction={list.reload} />
  return (
    <View>
      {summary ? (
        <View className='nc-hint' id='no-project-summary'>
          共 {summary.branches} 个党支部，{list.total} 个尚未认领 {summary.year} 年民生实事（一支部一实事）。
        </View>
      ) : null}
      {list.items.length === 0 ? (
        <StateView type='empty' title='每个党支部都已认领民生实事' />
      ) : (
        <View id='no-project-list'>
          {list.items.map((b) => (
            <View
              key={b.id}
              className='pledge-card'
              data-id={b.id}
              onClick={() => go(`/packages/pledges/pages/branch/index?id=${encodeURIComponent(b.id)}`)}
            >
              <Text className='pledge-card__title'>{b.name}</Text>
              {b.unit ? <Text className='pledge-card__line'>{b.unit.name}</Text> : null}
            </View>
          ))}
          <ListFooter count={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={list.loadMore} />
        </View>
      )}
    </View>
  )
}

/** Work committee: the branches in its scope with no livelihood project claimed this year. */
export default function NoProjectPage() {
  return <SignedInPage className='no-project'>{() => <Branches />}</SignedInPage>
}
