import { Text, View } from '@tarojs/components'
import { Cell, CellGroup } from '../../../../components/Cell'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { go } from '../../../../utils/navigation'
import './index.scss'

/** My in-service Party member card: branch, unit, residence community. */
export default function MemberProfilePage() {
  return (
    <View className='nc-page member-profile'>
      <RequireLogin>
        {(me) =>
          me.member ? (
            <View>
              <View className='member-card' id='member-card'>
                <View className='member-card__top'>
                  <Text className='member-card__badge'>在职党员</Text>
                  <Text className='member-card__title'>先锋暖城 · 党员名片</Text>
                </View>
                <Text className='member-card__name'>{me.member.name}</Text>
                <Text className='member-card__line'>{me.member.branch.name}</Text>
                {me.member.unit ? <Text className='member-card__line'>{me.member.unit.name}</Text> : null}
              </View>
              <CellGroup title='双报到'>
                <Cell title='所在党支部' value={me.member.branch.name} />
                <Cell title='工作单位' value={me.member.unit?.name ?? '—'} />
                <Cell
                  title='居住社区'
                  value={me.member.residenceCommunity?.name ?? '未报到'}
                  desc={me.member.residenceCommunity ? undefined : '向居住地社区报到后可参与社区服务'}
                />
              </CellGroup>
              <CellGroup title='微心愿'>
                <Cell title='心愿墙' desc='认领身边居民的微心愿' link id='go-wall' onClick={() => go('/packages/member/pages/wall/index')} />
                <Cell title='我的认领' desc='认领期限与圆梦进度' link id='go-claims' onClick={() => go('/packages/member/pages/claims/index')} />
              </CellGroup>
              <CellGroup title='双服务'>
                <Cell
                  title='志愿服务活动'
                  desc='附近和社区的活动，报名、扫码签到'
                  link
                  id='go-activities'
                  onClick={() => go('/packages/activities/pages/list/index')}
                />
                <Cell
                  title='我的服务时长'
                  desc='服务台账，按半年统计'
                  link
                  id='go-ledger'
                  onClick={() => go('/packages/member/pages/ledger/index')}
                />
              </CellGroup>
              <CellGroup title='即将开放'>
                <Cell title='一党员一践诺' value={<Text className='nc-tag nc-tag--gray'>即将开放</Text>} />
                <Cell title='半年报告' value={<Text className='nc-tag nc-tag--gray'>即将开放</Text>} />
              </CellGroup>
            </View>
          ) : (
            <StateView type='empty' title='尚未登记为在职党员' message='请联系所在党支部将您录入党员名单，并绑定与名单一致的手机号' />
          )
        }
      </RequireLogin>
    </View>
  )
}
