import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { RoleAssignment, SupervisionItemKind } from '@nuancheng/shared'
import { Cell, CellGroup } from '../../../../components/Cell'
import { LinkCells } from '../../../../components/LinkCells'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { TodoBadge, todoCount, useTodoCounts } from '../../../../components/TodoBadge'
import { go } from '../../../../utils/navigation'
import './index.scss'

/** One of my communities: the only one, or the one picked from a sheet (null when the sheet is dismissed). */
async function pickCommunity(communities: RoleAssignment[]): Promise<RoleAssignment | null> {
  if (communities.length <= 1) return communities[0] ?? null
  try {
    const { tapIndex } = await Taro.showActionSheet({ itemList: communities.map((c) => c.scopeName ?? '未命名社区') })
    return communities[tapIndex] ?? null
  } catch {
    return null
  }
}

/** 代录: the resident post form in onBehalf mode for one of my communities (asked which when there are several). */
async function enterOnBehalf(communities: RoleAssignment[]) {
  const target = await pickCommunity(communities)
  if (!target?.scopeId) return
  go(
    `/packages/resident/pages/post-wish/index?communityId=${encodeURIComponent(target.scopeId)}&name=${encodeURIComponent(target.scopeName ?? '')}&onBehalf=1`
  )
}

/** 社区心愿墙 and 社区二维码 open on my own community (asked which when there are several). */
async function openForCommunity(communities: RoleAssignment[], page: string) {
  const target = await pickCommunity(communities)
  if (target?.scopeId) go(`${page}?communityId=${encodeURIComponent(target.scopeId)}`)
}

/** Community staff workbench: the communities I serve (from my roles) and the jobs. */
export default function StaffHomePage() {
  // 待办 from the same open items as the 件件有着落 board, for my communities only.
  const todo = useTodoCounts()
  const badge = (id: string, ...kinds: SupervisionItemKind[]) => <TodoBadge id={id} count={todoCount(todo, 'community_staff', kinds)} />
  return (
    <SignedInPage className='staff-home'>
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
              <LinkCells
                items={[
                  {
                    id: 'go-review',
                    title: '微心愿审核',
                    desc: '审核居民提交的心愿，处理有异议的心愿',
                    value: badge('review-waiting', 'wish_review'),
                    to: '/packages/staff/pages/review/index'
                  },
                  { id: 'go-on-behalf', title: '代居民录入', desc: '为不会用手机的居民登记心愿', onClick: () => void enterOnBehalf(communities) },
                  {
                    id: 'go-wall',
                    title: '社区心愿墙',
                    desc: '查看本社区已发布的心愿',
                    onClick: () => void openForCommunity(communities, '/packages/member/pages/wall/index')
                  },
                  {
                    id: 'go-qrcode',
                    title: '社区二维码',
                    desc: '保存本社区的二维码，打印张贴供居民扫码',
                    onClick: () => void openForCommunity(communities, '/packages/staff/pages/qrcode/index')
                  },
                  { title: '民生实事', desc: '发布社区民生实事，跟进单位认领和进展', to: '/packages/admin/pages/projects/index' },
                  { id: 'go-pledges', title: '党员承诺评诺', desc: '为本社区居住的党员践诺情况评诺', to: '/packages/pledges/pages/review/index' },
                  {
                    id: 'go-agreements',
                    title: '共建协议',
                    desc: '会签单位与本社区的共建协议',
                    value: badge('agreements-waiting', 'agreement_countersign', 'agreement_expiring'),
                    to: '/packages/agreements/pages/list/index'
                  },
                  {
                    id: 'go-one-plus-n',
                    title: '1+N 社区共建',
                    desc: '共建单位资源清单对接本社区需求清单',
                    to: '/packages/agreements/pages/one-plus-n/index'
                  },
                  {
                    id: 'go-registrations',
                    title: '党员报到确认',
                    desc: '确认在职党员到社区报到，查看已报到党员',
                    value: badge('registrations-waiting', 'registration_pending'),
                    to: '/packages/staff/pages/registrations/index'
                  },
                  { id: 'go-posts', title: '党员服务岗位', desc: '发布岗位、调整名额、查看在岗党员', to: '/packages/posts/pages/list/index' },
                  {
                    id: 'go-shifts',
                    title: '值守确认',
                    desc: '确认在岗党员登记的值守记录，计入服务时长',
                    value: badge('shifts-waiting', 'shift_pending'),
                    to: '/packages/posts/pages/shifts/index'
                  },
                  { id: 'go-served', title: '党员服务评价', desc: '评价在本社区服务的在职党员', to: '/packages/reports/pages/served/index' },
                  {
                    id: 'go-activities',
                    title: '志愿服务活动',
                    desc: '发布活动、出示签到码、现场名单、审核时长',
                    value: badge('hours-waiting', 'hours_pending'),
                    to: '/packages/activities/pages/list/index?tab=organise'
                  }
                ]}
              />
            </CellGroup>
          </View>
        )
      }}
    </SignedInPage>
  )
}
