import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'

type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void

interface WxPrivacyApi {
  onNeedPrivacyAuthorization?: (listener: (resolve: Resolve) => void) => void
  openPrivacyContract?: (options?: object) => void
}

const wxApi = (): WxPrivacyApi | null => (process.env.TARO_ENV === 'weapp' ? ((globalThis as { wx?: WxPrivacyApi }).wx ?? null) : null)

/**
 * WeChat's privacy-authorization flow: before the first privacy API of a session (getLocation, the camera …) WeChat
 * asks the page through wx.onNeedPrivacyAuthorization; this shows the notice and answers with the user's choice
 * (the agree button must be `open-type="agreePrivacyAuthorization"`). Put it on every page that uses location or
 * the camera. In H5 it renders nothing (the browser asks for itself).
 */
export function PrivacyGate({ purpose = '确认您在活动现场签到' }: { purpose?: string }) {
  const [resolve, setResolve] = useState<Resolve | null>(null)

  useEffect(() => {
    const wx = wxApi()
    // Only the latest listener is kept by WeChat: the page shown registers its own.
    wx?.onNeedPrivacyAuthorization?.((r) => setResolve(() => r))
  }, [])

  if (!resolve) return null
  const answer = (event: 'agree' | 'disagree') => {
    resolve(event === 'agree' ? { event, buttonId: 'privacy-agree' } : { event })
    setResolve(null)
  }
  return (
    <View className='nc-sheet' id='privacy-gate' catchMove>
      <View className='nc-sheet__mask' />
      <View className='nc-sheet__panel'>
        <Text className='nc-sheet__title'>隐私保护提示</Text>
        <Text className='nc-sheet__hint'>
          使用位置或相机前，请阅读《暖城隐私保护指引》。位置信息仅用于{purpose}
          ，只在签到、签退的那一刻读取一次，不会持续追踪；相机仅用于扫描签到码和拍摄照片。
        </Text>
        <Text className='privacy-gate__link' onClick={() => wxApi()?.openPrivacyContract?.()}>
          查看《暖城隐私保护指引》
        </Text>
        <View className='nc-sheet__buttons'>
          <View className='nc-btn nc-btn--default nc-sheet__button' onClick={() => answer('disagree')}>
            拒绝
          </View>
          <Button
            id='privacy-agree'
            className='nc-native-btn nc-btn nc-btn--primary nc-sheet__button'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answer('agree')}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}
