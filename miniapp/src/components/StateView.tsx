import { Text, View } from '@tarojs/components'
import { NcButton } from './NcButton'

export interface StateViewProps {
  type: 'loading' | 'empty' | 'error'
  title?: string
  message?: string
  actionText?: string
  onAction?: () => void
  secondaryText?: string
  onSecondary?: () => void
}

/** Loading, empty and error states, one look across the app. */
export function StateView({ type, title, message, actionText, onAction, secondaryText, onSecondary }: StateViewProps) {
  return (
    <View className={`nc-state nc-state--${type}`}>
      {type === 'loading' ? (
        <View className='nc-spinner' />
      ) : (
        <View className={`nc-state__icon nc-state__icon--${type}`}>
          <Text>{type === 'error' ? '!' : '…'}</Text>
        </View>
      )}
      <Text className='nc-state__title'>{title ?? (type === 'loading' ? '加载中…' : type === 'empty' ? '暂无内容' : '出错了')}</Text>
      {message ? <Text className='nc-state__message'>{message}</Text> : null}
      {actionText && onAction ? (
        <NcButton type='primary' className='nc-state__action' onClick={onAction}>
          {actionText}
        </NcButton>
      ) : null}
      {secondaryText && onSecondary ? (
        <NcButton className='nc-state__secondary' onClick={onSecondary}>
          {secondaryText}
        </NcButton>
      ) : null}
    </View>
  )
}
