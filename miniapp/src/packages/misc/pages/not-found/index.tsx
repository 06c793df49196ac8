import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { StateView } from '../../../../components/StateView'
import { safeDecode } from '../../../../utils/community-code'

/** Where an unknown in-app route lands (App's usePageNotFound): says so, and leads home. */
export default function NotFoundPage() {
  const { params } = useRouter()
  const path = params.path ? safeDecode(params.path) : ''
  return (
    <View className='nc-page not-found' id='not-found'>
      <StateView
        type='empty'
        title='页面不存在'
        message={`${path ? `没有找到“${path}”。` : ''}链接可能有误或已失效，可以回到首页继续使用。`}
        actionText='回到首页'
        onAction={() => Taro.switchTab({ url: '/pages/index/index' })}
      />
    </View>
  )
}
