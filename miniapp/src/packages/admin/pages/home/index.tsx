import { Text, View } from '@tarojs/components'
import type { Role } from '@nuancheng/shared'
import { Cell, CellGroup } from '../../../../components/Cell'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { ADMIN_ROLES, roleLabel, sortRoles } from '../../../../utils/roles'
import './index.scss'

const SOON = <Text className='nc-tag nc-tag--gray'>即将开放</Text>

/** What each supervising role will do here (placeholders until the features land). */
const DUTIES: Partial<Record<Role, { title: string; desc: string }[]>> = {
  branch_secretary: [
    { title: '党员半年报告审核', desc: '审核本支部党员的双报告' },
    { title: '一支部一实事', desc: '认领本支部的民生实事' }
  ],
  org_admin: [
    { title: '共建协议', desc: '与街道、社区签订共建协议' },
    { title: '党员名单', desc: '导入和维护在职党员名单' },
    { title: '年度报告', desc: '向上级工委报告' }
  ],
  street_official: [
    { title: '服务评价', desc: '评价在本街道服务的党员和单位' },
    { title: '逾期督办', desc: '调度长期无人认领的微心愿' }
  ],
  committee_admin: [
    { title: '督导看板', desc: '微心愿、民生实事、报到与报告进度' },
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
                  {(DUTIES[role] ?? []).map((d) => (
                    <Cell key={d.title} title={d.title} desc={d.desc} value={SOON} />
                  ))}
                </CellGroup>
              ))}
            </View>
          )
        }}
      </RequireLogin>
    </View>
  )
}
