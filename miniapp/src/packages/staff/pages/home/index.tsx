import { Text, View } from '@tarojs/components'
import { Cell, CellGroup } from '../../../../components/Cell'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import './index.scss'

const SOON = <Text className='nc-tag nc-tag--gray'>即将开放</Text>

/** Community staff workbench: the communities I serve (from my roles) and the jobs to come. */
export default function StaffHomePage() {
  return (
    <View className='nc-page staff-home'>
      <RequireLogin>
        {(me) => {
          const communities = me.roles.filter((r) => r.role === 'community_staff')
          if (communities.length === 0) {
            return <StateView type='empty' title='您还不是社区工作者' message='社区工作者身份由街道或工委管理员设置' />
          }
          return (
            <View>
              <CellGroup title='我服务的社区'>
                {communities.map((r) => (
                  <Cell key={r.id} className='staff-community' title={r.scopeName ?? '未命名社区'} desc='社区工作者' />
                ))}
              </CellGroup>
              <CellGroup title='工作事项'>
                <Cell title='微心愿审核' desc='审核居民提交的微心愿' value={SOON} />
                <Cell title='代居民录入' desc='为不会用手机的居民登记心愿' value={SOON} />
                <Cell title='党员报到确认' desc='确认在职党员到社区报到' value={SOON} />
                <Cell title='志愿服务活动' desc='发布活动、现场签到' value={SOON} />
                <Cell title='兑现确认' desc='确认心愿已经实现' value={SOON} />
              </CellGroup>
            </View>
          )
        }}
      </RequireLogin>
    </View>
  )
}
