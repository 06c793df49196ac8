import { Text, View } from '@tarojs/components'
import type { Me, MyPosts, MyRegistration } from '@nuancheng/shared'
import { SHIFT_STATUS_LABELS } from '@nuancheng/shared/constants'
import { Cell, CellGroup } from '../../../../components/Cell'
import { type LinkCellItem, LinkCells } from '../../../../components/LinkCells'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { useReshow } from '../../../../hooks/useReshow'
import { useSession } from '../../../../hooks/useSession'
import { fetchMyPosts } from '../../../../services/posts'
import { fetchMyRegistration } from '../../../../services/registrations'
import { minutesText, registrationLine } from '../../../../utils/members-posts'
import { go } from '../../../../utils/navigation'
import './index.scss'

const REGISTER_PAGE = '/packages/member/pages/register/index'

function RegistrationCell({ my }: { my: MyRegistration | null }) {
  const line = registrationLine(my)
  let desc = '向居住地社区报到后可认领服务岗位、参与社区服务'
  if (line.state === 'pending') desc = `已向${line.community ?? '社区'}提交报到申请，等待社区确认`
  if (line.state === 'registered') desc = my?.pending ? `已申请转到${my.pending.community.name}，等待确认` : '如搬家，可在这里更换报到社区'
  if (my?.lastRejected && line.state === 'none') desc = `上次申请未通过：${my.lastRejected.rejectReason ?? ''}`
  return (
    <Cell
      id='go-register'
      title='社区报到'
      desc={desc}
      link
      value={
        <Text
          id='registration-value'
          className={line.state === 'registered' ? 'member-profile__ok' : line.state === 'pending' ? 'member-profile__wait' : ''}
        >
          {line.community && line.state === 'registered' ? `${line.label} ${line.community}` : line.label}
        </Text>
      }
      onClick={() => go(REGISTER_PAGE)}
    />
  )
}

function PostCells({ my, posts }: { my: MyRegistration | null; posts: MyPosts | null }) {
  const active = posts?.active ?? null
  if (active) {
    return (
      <>
        <Cell
          id='go-my-post'
          title='我的岗位'
          value={active.post.name}
          desc={`${active.community.name} · 至 ${active.endsOn} · 已确认 ${active.shifts.confirmed} 次，共 ${minutesText(active.shifts.confirmedMinutes)}${active.shifts.pending ? ` · ${active.shifts.pending} 条${SHIFT_STATUS_LABELS.pending}` : ''}`}
          link
          onClick={() => go('/packages/posts/pages/mine/index')}
        />
        <Cell
          id='go-log-shift'
          title='登记值守'
          desc='记录本次在岗服务的时间和内容，社区确认后计入服务时长'
          link
          onClick={() => go(`/packages/posts/pages/shift/index?holdingId=${encodeURIComponent(active.id)}`)}
        />
      </>
    )
  }
  const community = my?.active?.community ?? null
  return (
    <Cell
      id='go-posts'
      title='认领服务岗位'
      desc={community ? `在${community.name}认领一个服务岗位（认岗一年）` : '向社区报到并经确认后可认岗'}
      link
      onClick={() =>
        go(
          community
            ? `/packages/posts/pages/list/index?communityId=${encodeURIComponent(community.id)}&name=${encodeURIComponent(community.name)}`
            : REGISTER_PAGE
        )
      }
    />
  )
}

/** The member's entries, by 双服务, 微心愿 and 双报告. */
const ENTRIES: { title: string; items: LinkCellItem[] }[] = [
  {
    title: '双服务',
    items: [
      { id: 'go-activities', title: '志愿服务活动', desc: '报名社区志愿服务活动，现场扫码签到', to: '/packages/activities/pages/list/index' },
      { id: 'go-ledger', title: '我的服务时长', desc: '服务台账与半年合计', to: '/packages/member/pages/ledger/index' },
      { id: 'go-pledges', title: '我的践诺', desc: '一党员一践诺：承诺、进展与评议', to: '/packages/pledges/pages/mine/index' }
    ]
  },
  {
    title: '微心愿',
    items: [
      { id: 'go-wall', title: '心愿墙', desc: '认领身边居民的微心愿', to: '/packages/member/pages/wall/index' },
      { id: 'go-claims', title: '我的认领', desc: '认领期限与圆梦进度', to: '/packages/member/pages/claims/index' }
    ]
  },
  {
    title: '双报告',
    items: [
      { id: 'go-reports', title: '半年报告', desc: '向所在党支部报告本半年的服务情况', to: '/packages/reports/pages/mine/index' },
      { id: 'go-certificate', title: '志愿服务记录证明', desc: '开具带二维码的服务时长证明', to: '/packages/reports/pages/certificate/index' }
    ]
  }
]

function MemberCard({ me }: { me: Me }) {
  const member = me.member!
  const registration = useAsync('registration', fetchMyRegistration)
  const posts = useAsync('posts', fetchMyPosts)
  const { refresh } = useSession()
  // Back from registering, taking a post or logging a shift: show it as it is now (residence included).
  useReshow(() => {
    registration.reload()
    posts.reload()
    void refresh()
  })
  const my = registration.status === 'success' ? registration.data : null
  const line = registrationLine(my)
  return (
    <View>
      <View className='member-card' id='member-card'>
        <View className='member-card__top'>
          <Text className='member-card__badge'>在职党员</Text>
          <Text className='member-card__title'>先锋暖城 · 党员名片</Text>
        </View>
        <Text className='member-card__name'>{member.name}</Text>
        <Text className='member-card__line'>{member.branch.name}</Text>
        {member.unit ? <Text className='member-card__line'>{member.unit.name}</Text> : null}
        {registration.status === 'success' ? (
          <Text className='member-card__state' id='registration-state' data-state={line.state}>
            {line.community ? `${line.label} · ${line.community}` : line.label}
          </Text>
        ) : null}
      </View>
      <CellGroup title='双报到'>
        <Cell title='所在党支部' value={member.branch.name} />
        <Cell title='工作单位' value={member.unit?.name ?? '—'} />
        {registration.status === 'error' ? (
          <Cell title='社区报到' desc={registration.error.message} value='重新加载' link onClick={registration.reload} />
        ) : (
          <RegistrationCell my={my} />
        )}
        <Cell title='居住社区' value={member.residenceCommunity?.name ?? '—'} desc='社区确认报到后随报到社区更新' />
      </CellGroup>
      <CellGroup title='党员服务岗位'>
        <PostCells my={my} posts={posts.status === 'success' ? posts.data : null} />
      </CellGroup>
      {ENTRIES.map((group) => (
        <CellGroup key={group.title} title={group.title}>
          <LinkCells items={group.items} />
        </CellGroup>
      ))}
    </View>
  )
}

/** My in-service Party member card: branch, unit, registration with my community, my post, and my service. */
export default function MemberProfilePage() {
  return (
    <SignedInPage className='member-profile'>
      {(me) =>
        me.member ? (
          <MemberCard me={me} />
        ) : (
          <StateView type='empty' title='尚未登记为在职党员' message='请联系所在党支部将您录入党员名单，并绑定与名单一致的手机号' />
        )
      }
    </SignedInPage>
  )
}
