import { Text, View } from '@tarojs/components'
import type { Role, SupervisionActor, SupervisionItemKind } from '@nuancheng/shared'
import { Cell, CellGroup } from '../../../../components/Cell'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { TodoBadge, todoCount, useTodoCounts } from '../../../../components/TodoBadge'
import { ADMIN_ROLES, roleLabel, sortRoles } from '../../../../utils/roles'
import { go } from '../../../../utils/navigation'
import './index.scss'

const SOON = <Text className='nc-tag nc-tag--gray'>即将开放</Text>

const OVERDUE = '/packages/admin/pages/overdue/index'
const DISPATCHES = '/packages/admin/pages/dispatches/index'
const PROJECTS = '/packages/admin/pages/projects/index'
const WALL = '/packages/member/pages/wall/index'
const PLEDGES = '/packages/pledges/pages/review/index'
const BRANCH = '/packages/pledges/pages/branch/index'
const AGREEMENTS = '/packages/agreements/pages/list/index'
const ONE_PLUS_N = '/packages/agreements/pages/one-plus-n/index'
const BOARD = '/packages/supervision/pages/board/index'
const EXPORTS = '/packages/supervision/pages/exports/index'
const DASHBOARD = '/packages/supervision/pages/dashboard/index'

/** What each supervising role does here; duties without a `url` are still to come. */
const DUTIES: Partial<Record<Role, { title: string; desc: string; url?: string; id?: string; kinds?: SupervisionItemKind[] | null }[]>> = {
  branch_secretary: [
    { title: '一支部一实事', desc: '查看和跟进民生实事', url: PROJECTS },
    { title: '本支部实事与承诺', desc: '本支部今年的民生实事和党员承诺', url: BRANCH, id: 'go-branch' },
    { title: '党员承诺审核与评诺', desc: '亮诺审核、退回修改、评诺', url: PLEDGES, id: 'go-pledge-review' },
    { title: '超期未践诺', desc: '过了期限仍未践诺的党员承诺', url: `${PLEDGES}?tab=overdue`, id: 'go-pledge-overdue' },
    {
      title: '党员半年报告审核',
      desc: '审核本支部党员的双报告，查看逾期名单',
      url: '/packages/reports/pages/review/index',
      id: 'go-report-review',
      kinds: ['report_review']
    }
  ],
  org_admin: [
    { title: '督办派单', desc: '答复街道派给本单位的心愿', url: DISPATCHES, id: 'go-dispatches', kinds: ['dispatch_unanswered'] },
    { title: '民生实事', desc: '认领项目、更新进展、申请验收', url: PROJECTS, id: 'go-projects' },
    { title: '单位认领心愿', desc: '在心愿墙以单位名义认领', url: WALL, kinds: ['wish_claim_overdue'] },
    { title: '共建协议', desc: '与街道、社区签订共建协议，查看资源清单兑现', url: AGREEMENTS, id: 'go-agreements', kinds: ['agreement_countersign'] },
    {
      title: '组织志愿服务活动',
      desc: '在共建街道、社区组织活动，出示签到码，审核时长',
      url: '/packages/activities/pages/list/index?tab=organise',
      id: 'go-unit-activities'
    },
    { title: '党员名单', desc: '导入和维护在职党员名单' },
    { title: '年度报告', desc: '撰写本单位年度报告，向上级工委报告', url: '/packages/reports/pages/org/index', id: 'go-org-reports' }
  ],
  street_official: [
    { title: '件件有着落', desc: '本街道无人负责或超期的事项，谁来处理，一键去办', url: BOARD, id: 'go-board', kinds: null },
    { title: '督导看板', desc: '本街道的报到、心愿、服务时长、报告和共建协议，图表与数据表', url: DASHBOARD, id: 'go-dashboard', kinds: null },
    { title: '超期督办', desc: '调度长期无人认领、超期未完成的微心愿', url: OVERDUE, id: 'go-overdue', kinds: ['wish_unclaimed'] },
    { title: '微心愿审核', desc: '审核本街道社区的心愿，处理异议', url: '/packages/staff/pages/review/index' },
    { title: '民生实事', desc: '发布项目、验收完成的项目', url: PROJECTS, kinds: ['project_open'] },
    {
      title: '共建协议',
      desc: '会签单位提交的共建协议，查看资源清单兑现，评价共建单位',
      url: AGREEMENTS,
      id: 'go-agreements-official',
      kinds: ['agreement_countersign', 'agreement_expiring']
    },
    { title: '1+N 区域共建', desc: '共建单位资源清单对接本街道需求清单', url: ONE_PLUS_N, id: 'go-one-plus-n' },
    { title: '服务评价', desc: '评价在本街道服务的党员', url: '/packages/reports/pages/served/index', id: 'go-served' },
    { title: '数据导出', desc: '导出本街道的报告、台账、心愿和活动（Excel）', url: EXPORTS, id: 'go-exports' }
  ],
  committee_admin: [
    { title: '件件有着落', desc: '全市（区）无人负责或超期的事项', url: BOARD, id: 'go-board-committee' },
    {
      title: '督导看板',
      desc: '全市（区）的报到、心愿、服务时长、报告、共建协议和单位排行',
      url: DASHBOARD,
      id: 'go-dashboard-committee',
      kinds: null
    },
    { title: '督办看板', desc: '街道升级督办的微心愿', url: OVERDUE, kinds: ['dispatch_unanswered'] },
    { title: '民生实事', desc: '全市民生实事进展', url: PROJECTS },
    {
      title: '未认领实事的党支部',
      desc: '一支部一实事：今年尚无民生实事的党支部',
      url: '/packages/pledges/pages/no-project/index',
      id: 'go-no-project'
    },
    { title: '党员承诺', desc: '一党员一践诺进展', url: `${PLEDGES}?tab=all` },
    { title: '共建协议', desc: '各单位与街道、社区的共建协议', url: AGREEMENTS },
    {
      title: '机关党组织年度报告',
      desc: '审核各单位的年度报告，查看结对街道的评价',
      url: '/packages/reports/pages/org/index?as=committee',
      id: 'go-org-review'
    },
    { title: '1+N 区域共建', desc: '各街道的共建单位与需求清单', url: ONE_PLUS_N },
    { title: '审计日志', desc: '谁在何时做了什么，个人信息的每次查看', url: '/packages/audit/pages/list/index', id: 'go-audit' },
    { title: '数据导出', desc: '导出全市（区）的报告、台账、心愿和活动（Excel）', url: EXPORTS, id: 'go-exports-committee' }
  ],
  system_admin: [{ title: '系统设置', desc: '区域、组织与账号管理' }]
}

/** 待办 of one role in words: "心愿待审核 2 · 督办未答复 1", or that nothing waits. */
function TodoSummary({ role, todo }: { role: Role; todo: ReturnType<typeof useTodoCounts> }) {
  const row = todo?.roles.find((r) => r.role === role)
  if (!row) return null
  return (
    <Cell
      id={`todo-${role}`}
      className='admin-todo'
      title={row.total ? `待办 ${row.total} 项` : '暂无待办'}
      desc={row.kinds.map((k) => `${k.label} ${k.count}`).join(' · ') || '需要您处理的事项会显示在这里'}
    />
  )
}

/** Work committee / organisation / street / branch workbench. */
export default function AdminHomePage() {
  // 待办 from the same open items as the 件件有着落 board, in my places only (kinds: null = all of the role's).
  const todo = useTodoCounts()
  const badge = (role: Role, kinds: SupervisionItemKind[] | null | undefined, id: string) =>
    kinds === undefined ? undefined : <TodoBadge id={id} count={todoCount(todo, role as SupervisionActor, kinds ?? undefined)} />
  return (
    <SignedInPage className='admin-home'>
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
                <TodoSummary role={role} todo={todo} />
                {(DUTIES[role] ?? []).map((d) =>
                  d.url ? (
                    <Cell
                      key={d.title}
                      id={d.id}
                      title={d.title}
                      desc={d.desc}
                      value={badge(role, d.kinds, `todo-${role}-${d.kinds ? d.kinds.join('-') : 'all'}`)}
                      link
                      onClick={() => go(d.url!)}
                    />
                  ) : (
                    <Cell key={d.title} title={d.title} desc={d.desc} value={SOON} />
                  )
                )}
              </CellGroup>
            ))}
          </View>
        )
      }}
    </SignedInPage>
  )
}
