import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { Board, BoardItem, SupervisionItemKind } from '@nuancheng/shared'
import { Chips } from '../../../../components/Chips'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchBoard } from '../../../../services/supervision'
import { deadlineText, formatDateTime } from '../../../../utils/format'
import { go, linkUrl } from '../../../../utils/navigation'
import './index.scss'

type Filter = 'all' | 'overdue' | SupervisionItemKind

function ItemCard({ item }: { item: BoardItem }) {
  const url = linkUrl(item.link)
  const place = [item.street?.name, item.community?.name].filter(Boolean).join(' · ')
  const due = item.deadline ? deadlineText(item.deadline) : null
  return (
    <View
      className={`board-item ${item.overdue ? 'board-item--overdue' : ''}`}
      data-kind={item.kind}
      data-id={item.subjectId}
      hoverClass='board-item--hover'
      onClick={() => (url ? go(url) : Taro.showToast({ title: '请升级小程序后处理', icon: 'none' }))}
      ariaRole='button'
      ariaLabel={`${item.label}：${item.title}，由${item.actor.name ?? ''}${item.actor.label}处理`}
    >
      <View className='board-item__head'>
        <Text className={`nc-tag ${item.overdue ? '' : 'nc-tag--gray'}`}>{item.label}</Text>
        {item.overdue ? <Text className='nc-danger-text board-item__late'>已超期</Text> : null}
      </View>
      <Text className='board-item__title'>{item.title}</Text>
      {place ? <Text className='board-item__meta'>{place}</Text> : null}
      <Text className='board-item__meta'>
        等待自 {formatDateTime(item.since)}
        {due ? ` · 期限 ${formatDateTime(item.deadline)}（${due.text}）` : ''}
      </Text>
      <View className='board-item__actor'>
        <Text>
          由{' '}
          <Text className='board-item__who'>
            {item.actor.name ? `${item.actor.name} ` : ''}
            {item.actor.label}
          </Text>{' '}
          处理
        </Text>
        <Text className='board-item__go'>去处理 ›</Text>
      </View>
    </View>
  )
}

function BoardView({ regionId }: { regionId?: string }) {
  const [board, setBoard] = useState<Board | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [filter, setFilter] = useState<Filter>('all')
  const load = useCallback(() => {
    fetchBoard(regionId)
      .then((b) => {
        setBoard(b)
        setError(null)
      })
      .catch((e: Error) => setError(e.message || '加载失败'))
      .finally(() => Taro.stopPullDownRefresh())
  }, [regionId])
  useEffect(load, [load])
  useReshow(load)
  usePullDownRefresh(load)

  if (error && !board) return <StateView type='error' title='加载失败' message={error} actionText='重新加载' onAction={load} />
  if (!board) return <StateView type='loading' title='正在加载…' />
  const kinds = board.byKind.filter((k) => k.count > 0)
  const items = board.items.filter((i) => filter === 'all' || (filter === 'overdue' ? i.overdue : i.kind === filter))
  return (
    <View>
      <View className='board-summary' id='board-summary'>
        <Text className='board-summary__region'>{board.region.name}</Text>
        <View className='board-summary__numbers'>
          <View className='board-summary__number'>
            <Text className='board-summary__value'>{board.total}</Text>
            <Text className='board-summary__label'>件待处理</Text>
          </View>
          <View className='board-summary__number'>
            <Text className='board-summary__value nc-danger-text'>{board.overdue}</Text>
            <Text className='board-summary__label'>件已超期</Text>
          </View>
        </View>
        <View className='board-actors'>
          {board.byActor
            .filter((a) => a.count > 0)
            .map((a) => (
              <Text key={a.key} className='board-actors__item'>
                {a.label} {a.count}
              </Text>
            ))}
        </View>
      </View>
      {board.total === 0 ? (
        <StateView type='empty' title='件件有着落' message='没有无人负责或超期的事项' />
      ) : (
        <View>
          <Chips<Filter>
            id='board-filter'
            value={filter}
            onChange={setFilter}
            options={['all', 'overdue', ...kinds.map((k) => k.key)]}
            labels={{
              all: `全部 ${board.total}`,
              overdue: `已超期 ${board.overdue}`,
              ...Object.fromEntries(kinds.map((k) => [k.key, `${k.label} ${k.count}`]))
            }}
          />
          <View id='board-items'>
            {items.map((i) => (
              <ItemCard key={`${i.kind}:${i.subjectId}`} item={i} />
            ))}
          </View>
        </View>
      )}
    </View>
  )
}

/** 件件有着落: every open item of the street (official) or the district / city (committee), each with who acts. */
export default function SupervisionBoardPage() {
  const { params } = useRouter()
  return (
    <View className='nc-page supervision-board'>
      <RequireLogin>{() => <BoardView regionId={params.regionId} />}</RequireLogin>
    </View>
  )
}
