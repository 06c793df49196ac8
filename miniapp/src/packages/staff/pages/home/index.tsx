import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { RoleAssignment } from '@nuancheng/shared'
import { Cell, CellGroup } from '../../../../components/Cell'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { go } from '../../../../utils/navigation'
import './index.scss'

const SOON = <Text className='nc-tag nc-tag--gray'>即将开放</Text>

/** 代录: the resident post form in onBehalf mode for one of my communities (asked which when there are several). */
async function enterOnBehalf(communities: RoleAssignment[]) {
  let target = communities[0]
  if (communities.length > 1) {
    try {
      const { tapIndex } = await Taro.showActionSheet({ itemList: communities.map((c) => c.scopeName ?? '未命名社区') })
      target = communities[tapIndex]
    } catch {
      return
    }
  }
  if (!target?.scopeId) return
  go(
    `/packages/resident/pages/post-wish/index?communityId=${encodeURIComponent(target.scopeId)}&name=${encodeURIComponent(target.scopeName ?? '')}&onBehalf=1`
  )
}

/** Community staff workbench: the communities I serve (from my roles) and the jobs. */
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
                <Cell
                  id='go-review'
                  title='微心愿审核'
                  desc='审核居民提交的心愿，处理有异议的心愿'
                  link
                  onClick={() => go('/packages/staff/pages/review/index')}
                />
                <Cell id='go-on-behalf' title='代居民录入' desc='为不会用手机的居民登记心愿' link onClick={() => void enterOnBehalf(communities)} />
                <Cell title='社区心愿墙' desc='查看本社区已发布的心愿' link onClick={() => go('/packages/member/pages/wall/index')} />
                <Cell title='民生实事' desc='发布社区民生实事，跟进单位认领和进展' link onClick={() => go('/packages/admin/pages/projects/index')} />
                <Cell title='党员报到确认' desc='确认在职党员到社区报到' value={SOON} />
                <Cell
                  id='go-activities'
                  title='志愿服务活动'
                  desc='发布活动、出示签到码、现场名单、审核时长'
                  link
                  onClick={() => go('/packages/activities/pages/list/index?tab=organise')}
                />
              </CellGroup>
            </View>
          )
        }}
      </RequireLogin>
    </View>
  )
}
