import { Text, View } from '@tarojs/components'
import type { Role } from '@nuancheng/shared'
import { Cell, CellGroup } from '../../../../components/Cell'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { ADMIN_ROLES, roleLabel, sortRoles } from '../../../../utils/roles'
import { go } from '../../../../utils/navigation'
import './index.scss'

const SOON = <Text className='nc-tag nc-tag--gray'>即将开放</Text>

const OVERDUE = '/packages/admin/pages/overdue/index'
const DISPATCHES = '/packages/admin/pages/dispatches/index'
const PROJECTS = '/packages/admin/pages/projects/index'
const WALL = '/packages/member/pages/wall/index'

/** What each supervising role does here; duties without a `url` are still to come. */
const DUTIES: Partial<Record<Role, { title: string; desc: string; url?: string; id?: string }[]>> = {
  branch_secretary: [
    { title: '一支部一实事', desc: '查看和跟进民生实事', url: PROJECTS },
    { title: '党员半年报告审核', desc: '审核本支部党员的双报告，查看逾期名单', url: '/packages/reports/pages/review/index', id: 'go-report-review' }
  ],
  org_admin: [
    { title: '督办派单', desc: '答复街道派给本单位的心愿', url: DISPATCHES, id: 'go-dispatches' },
    { title: '民生实事', desc: '认领项目、更新进展、申请验收', url: PROJECTS, id: 'go-projects' },
    { title: '单位认领心愿', desc: '在心愿墙以单位名义认领', url: WALL },
    { title: '共建协议', desc: '与街道、社区签订共建协议' },
    { title: '党员名单', desc: '导入和维护在职党员名单' },
    { title: '年度报告', desc: '向上级工委报告' }
  ],
  street_official: [
    { title: '超期督办', desc: '调度长期无人认领、超期未完成的微心愿', url: OVERDUE, id: 'go-overdue' },
    { title: '微心愿审核', desc: '审核本街道社区的心愿，处理异议', url: '/packages/staff/pages/review/index' },
    { title: '民生实事', desc: '发布项目、验收完成的项目', url: PROJECTS },
    { title: '服务评价', desc: '评价在本街道服务的党员', url: '/packages/reports/pages/served/index', id: 'go-served' }
  ],
  committee_admin: [
    { title: '督办看板', desc: '街道升级督办的微心愿', url: OVERDUE },
    { title: '民生实事', desc: '全市民生实事进展', url: PROJECTS },
    { title: '数据导出', desc: '导出台账与统计' }
  ],
  system_admin: [{ title: '系统设置', desc: '区域、组织与账号管理' }]
}

/** Work committee / organisation / street / branch workbench. */
export default function AdminHomePage() {
  return (
    <View className='nc-page admin-home'>
      <RequireLogin>
        {(me) => {
          const roles = sortRoles(me.roles.filter((r) => ADMIN_ROLES.includes(r.role)))
          if (roles.length === 0) {
            return <StateView type='empty' title='暂无管理身份' message='管理身份由上级工委管理员设置' />
          }
          const kinds = Array.from(new Set(roles.map((r) => r.role)))
          return (
            <View>
              <CellGroup title='我的管理范围'>
                {roles.map((r) => (
                  <Cell key={r.id} className='admin-scope' title={r.scopeName ?? '全部'} desc={roleLabel(r.role)} />
                ))}
              </CellGroup>
              {kinds.map((role) => (
                <CellGroup key={role} title={roleLabel(role)}>
                  {(DUTIES[role] ?? []).map((d) =>
                    d.url ? (
                      <Cell key={d.title} id={d.id} title={d.title} desc={d.desc} link onClick={() => go(d.url!)} />
                    ) : (
                      <Cell key={d.title} title={d.title} desc={d.desc} value={SOON} />
                    )
                  )}
                </CellGroup>
              ))}
            </View>
          )
        }}
      </RequireLogin>
    </View>
  )
}
