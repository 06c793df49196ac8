import { Text, View } from '@tarojs/components'
import type { ServicePost } from '@nuancheng/shared'
import { CardActions } from '../../../components/CardActions'
import { NcButton } from '../../../components/NcButton'
import { go } from '../../../utils/navigation'

export const postUrl = (id: string) => `/packages/posts/pages/detail/index?id=${encodeURIComponent(id)}`

/** A post in a list: places, holders, and the buttons the server offers (they never open the card). */
export function PostCard({ p, onAction }: { p: ServicePost; onAction?: (action: ServicePost['actions'][number]) => void }) {
  const full = p.taken >= p.places
  const actions = onAction ? p.actions : []
  return (
    <View className='svc-card post-card' data-id={p.id} hoverClass='svc-card--hover' onClick={() => go(postUrl(p.id))}>
      <View className='svc-card__head'>
        <Text className='svc-card__title post-card__name'>{p.name}</Text>
        <Text className={`svc-places ${full ? 'svc-places--full' : ''}`}>{full ? '名额已满' : `余 ${p.places - p.taken} 个名额`}</Text>
      </View>
      <Text className='svc-card__line'>
        {p.community.name} · 已认岗 {p.taken}/{p.places} 人
      </Text>
      <Text className='svc-card__line'>{p.description}</Text>
      {p.myHoldingId ? <Text className='svc-card__note'>这是您认领的岗位</Text> : null}
      {actions.length ? (
        <CardActions className='svc-card__buttons'>
          {actions.includes('edit') ? (
            <NcButton size='small' className='post-edit' onClick={() => onAction!('edit')}>
              修改
            </NcButton>
          ) : null}
          {actions.includes('take_for_member') ? (
            <NcButton size='small' type='plain' className='post-take-for-member' onClick={() => onAction!('take_for_member')}>
              为本单位党员认岗
            </NcButton>
          ) : null}
          {actions.includes('take') ? (
            <NcButton size='small' type='primary' className='post-take' onClick={() => onAction!('take')}>
              认岗
            </NcButton>
          ) : null}
        </CardActions>
      ) : null}
    </View>
  )
}
