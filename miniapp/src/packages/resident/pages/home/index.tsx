import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import './index.scss'

/** Resident home: the wishes I posted (list arrives with the wish API). */
export default function ResidentHomePage() {
  return (
    <View className='nc-page resident-home'>
      <RequireLogin message='登录后查看您发布的微心愿'>
        {() => (
          <StateView
            type='empty'
            title='还没有微心愿'
            message='扫描社区张贴的二维码，即可向社区发布您的微心愿'
            actionText='去扫一扫'
            onAction={() => Taro.switchTab({ url: '/pages/index/index' })}
          />
        )}
      </RequireLogin>
    </View>
  )
}
