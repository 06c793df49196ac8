import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import type { PublicWish } from '@nuancheng/shared'
import { joinUrl } from '../services/request'
import { formatYuan } from '../utils/format'
import { wishStatusLabel, wishStatusTone } from '../utils/wishes'
import { CardActions } from './CardActions'
import { StatusTag } from './StatusTag'

export interface WishCardProps {
  wish: Pick<PublicWish, 'id' | 'title' | 'status' | 'category' | 'estimatedValueYuan' | 'beneficiaryMasked' | 'community' | 'photos'>
  /** An extra line under the meta: deadline, reject reason, overdue reason … */
  extra?: ReactNode
  /** Buttons under the card (e.g. 派单). */
  footer?: ReactNode
  onClick?: () => void
}

/** One wish in a list: photo, title, status, masked beneficiary, community, category and value. */
export function WishCard({ wish, extra, footer, onClick }: WishCardProps) {
  const photo = wish.photos[0]
  return (
    <View className='wish-card' data-id={wish.id} hoverClass={onClick ? 'wish-card--hover' : 'none'} onClick={onClick}>
      <View className='wish-card__body'>
        {photo ? (
          <Image className='wish-card__photo' src={joinUrl(photo.thumbnailUrl)} mode='aspectFill' lazyLoad />
        ) : (
          <View className='wish-card__photo wish-card__photo--empty'>
            <Text>愿</Text>
          </View>
        )}
        <View className='wish-card__main'>
          <View className='wish-card__top'>
            <Text className='wish-card__title'>{wish.title}</Text>
            <StatusTag className='wish-card__status' label={wishStatusLabel(wish.status)} tone={wishStatusTone(wish.status)} />
          </View>
          <Text className='wish-card__meta'>
            {wish.beneficiaryMasked} · {wish.community.name}
          </Text>
          <View className='wish-card__tags'>
            <Text className='nc-tag nc-tag--gray'>{wish.category}</Text>
            <Text className='wish-card__value'>{formatYuan(wish.estimatedValueYuan)}</Text>
          </View>
          {extra ? <View className='wish-card__extra'>{extra}</View> : null}
        </View>
      </View>
      {footer ? <CardActions className='wish-card__footer'>{footer}</CardActions> : null}
    </View>
  )
}
