import { Text, View } from '@tarojs/components'
import { NcButton } from './NcButton'

/** Under a paged list: 加载更多 (.load-more), or 没有更多了. */
export function ListFooter({ hasMore, loadingMore, onMore, count }: { hasMore: boolean; loadingMore: boolean; onMore: () => void; count: number }) {
  if (count === 0) return null
  return (
    <View className='list-footer'>
      {hasMore ? (
        <NcButton size='small' className='load-more' loading={loadingMore} onClick={onMore}>
          加载更多
        </NcButton>
      ) : (
        <Text className='list-footer__end'>没有更多了</Text>
      )}
    </View>
  )
}
