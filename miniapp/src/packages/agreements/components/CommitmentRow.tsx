import { Text, View } from '@tarojs/components'
import type { Commitment } from '@nuancheng/shared'
import { committedText, deliveredText } from '../../../utils/agreements'

/** One line of a resource list (资源清单): its category and what it is, what was committed and what was delivered. */
export function CommitmentRow({ c }: { c: Commitment }) {
  return (
    <View className='agr-commitment' data-category={c.category}>
      <View className='agr-commitment__head'>
        <Text className='agr-cat'>{c.category}</Text>
        <Text className='agr-commitment__desc'>{c.description}</Text>
      </View>
      <View className='agr-commitment__row'>
        <Text>承诺 {committedText(c)}</Text>
        <Text className={`agr-commitment__delivered commitment-delivered ${c.delivered.services > 0 ? '' : 'agr-commitment__delivered--none'}`}>
          {deliveredText(c.delivered)}
        </Text>
      </View>
    </View>
  )
}
