import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { WishPhoto } from '@nuancheng/shared'
import { joinUrl } from '../services/request'

/** Thumbnails in a 3-column grid; a tap opens the full images. */
export function PhotoGrid({ photos, className }: { photos: readonly WishPhoto[]; className?: string }) {
  if (photos.length === 0) return null
  const urls = photos.map((p) => joinUrl(p.url))
  return (
    <View className={`photo-grid ${className ?? ''}`}>
      {photos.map((p, i) => (
        <Image
          key={p.id}
          className='photo-grid__item'
          src={joinUrl(p.thumbnailUrl)}
          mode='aspectFill'
          lazyLoad
          onClick={() => Taro.previewImage({ urls, current: urls[i] })}
        />
      ))}
    </View>
  )
}
