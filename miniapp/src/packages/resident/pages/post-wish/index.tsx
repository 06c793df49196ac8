import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { NcButton } from '../../../../components/NcButton'
import { StateView } from '../../../../components/StateView'
import { parseCommunityCode, safeDecode } from '../../../../utils/community-code'
import './index.scss'

/** Post a wish to the community passed in (`code`, `name`). The form arrives in a later issue. */
export default function PostWishPage() {
  const { params } = useRouter()
  const code = parseCommunityCode({ code: params.code })
  const name = params.name ? safeDecode(params.name) : null

  if (!code) {
    return (
      <View className='nc-page post-wish'>
        <StateView
          type='empty'
          title='请先扫描社区二维码'
          message='微心愿要发给您所在的社区，请扫描社区张贴的二维码'
          actionText='去扫一扫'
          onAction={() => Taro.switchTab({ url: '/pages/index/index' })}
        />
      </View>
    )
  }

  return (
    <View className='nc-page post-wish'>
      <View className='nc-card post-wish__to'>
        <Text className='post-wish__label'>发往社区</Text>
        <Text className='post-wish__community'>{name ?? code}</Text>
        <Text className='post-wish__code'>社区编码 {code}</Text>
      </View>
      <StateView type='empty' title='即将开放' message='微心愿填写功能正在建设中，敬请期待' />
      <View className='nc-actions'>
        <NcButton block onClick={() => Taro.navigateBack()}>
          返回社区主页
        </NcButton>
      </View>
    </View>
  )
}
