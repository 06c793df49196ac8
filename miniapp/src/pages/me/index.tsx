import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { BindPhone } from '../../components/BindPhone'
import { Cell, CellGroup } from '../../components/Cell'
import { NcButton } from '../../components/NcButton'
import { StateView } from '../../components/StateView'
import { useCareMode } from '../../hooks/useCareMode'
import { useSession } from '../../hooks/useSession'
import type { MyWishCounts } from '@nuancheng/shared'
import { WISH_STATUS_LABELS } from '@nuancheng/shared/constants'
import { fetchMyWishCounts } from '../../services/wishes'
import { getToken } from '../../services/token'
import { go, goLogin } from '../../utils/navigation'
import { roleHome, roleLabel, sortRoles } from '../../utils/roles'
import { refreshUnreadBadge, showUnreadBadge } from '../../utils/tab-badge'
import './index.scss'

export default function MePage() {
  const { me, status, refresh, signOut } = useSession()
  const [unread, setUnread] = useState<number | null>(null)
  const [wishCounts, setWishCounts] = useState<MyWishCounts | null>(null)
  const careMode = useCareMode()
  const elderCell = (
    <CellGroup title='显示'>
      <Cell
        id='elder-switch'
        title='长辈版'
        desc='字更大、按钮更大、选项更少'
        link
        value={<Text id='elder-state'>{careMode.elder ? '已开启' : '未开启'}</Text>}
        onClick={() => {
          careMode.setElder(!careMode.elder)
          Taro.showToast({ title: careMode.elder ? '已切换到标准版' : '已开启长辈版', icon: 'none' })
        }}
      />
    </CellGroup>
  )

  useDidShow(() => {
    void refresh()
    // Quietly: a failure just hides the badge.
    if (getToken()) {
      // The same count on the cell and on the 我的 tab.
      void refreshUnreadBadge().then(setUnread)
      fetchMyWishCounts().then(setWishCounts, () => setWishCounts(null))
    } else {
      setUnread(null)
      showUnreadBadge(null)
      setWishCounts(null)
    }
  })

  const confirmSignOut = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定退出当前账号吗？', confirmColor: '#c8161d' })
    if (confirm) signOut()
  }

  if (!me) {
    return (
      <View className={`nc-page me ${careMode.rootClass}`} style={careMode.rootStyle}>
        <View className='me__header'>
          <View className='me__avatar'>
            <Text>暖</Text>
          </View>
          <View className='me__who'>
            <Text className='me__name'>{status === 'loading' ? '正在登录…' : '未登录'}</Text>
            <Text className='me__phone'>登录后可发布微心愿、查看身份与工作台</Text>
          </View>
        </View>
        {status === 'loading' ? (
          <StateView type='loading' />
        ) : (
          <View className='nc-actions'>
            <NcButton type='primary' block onClick={goLogin} id='go-login'>
              登录
            </NcButton>
          </View>
        )}
        {elderCell}
      </View>
    )
  }

  const displayName = me.member?.name ?? me.nickname ?? '微信用户'
  // Every signed-in user is a resident (implicit, never stored); scoped roles follow.
  const roles = sortRoles([
    { id: 'resident', role: 'resident' as const, scopeName: '发布和跟进微心愿' },
    ...me.roles.filter((r) => r.role !== 'resident')
  ])

  return (
    <View className={`nc-page me ${careMode.rootClass}`} style={careMode.rootStyle}>
      <View className='me__header'>
        <View className='me__avatar'>
          <Text>{Array.from(displayName)[0]}</Text>
        </View>
        <View className='me__who'>
          <Text className='me__name'>{displayName}</Text>
          <Text className='me__phone' id='me-phone'>
            {me.phoneMasked ?? '未绑定手机号'}
          </Text>
        </View>
      </View>

      <CellGroup title='我的心愿'>
        <Cell
          id='my-wishes-cell'
          title='我的心愿'
          desc={wishCounts && wishCounts.total === 0 ? '扫描社区二维码即可发布微心愿' : '查看我发布的微心愿和进展'}
          value={wishCounts ? <Text id='my-wishes-total'>共 {wishCounts.total} 个</Text> : undefined}
          link
          onClick={() => go('/packages/resident/pages/home/index')}
        />
        {wishCounts && wishCounts.byStatus.length ? (
          <View className='me__wish-counts' id='my-wish-counts'>
            {wishCounts.byStatus.map((s) => (
              <View key={s.status} className='me__wish-count' data-status={s.status} onClick={() => go('/packages/resident/pages/home/index')}>
                <Text className='me__wish-count-n'>{s.count}</Text>
                <Text className='me__wish-count-label'>{WISH_STATUS_LABELS[s.status]}</Text>
              </View>
            ))}
          </View>
        ) : null}
      </CellGroup>

      <CellGroup title='消息通知'>
        <Cell
          id='notifications-cell'
          title='我的消息'
          desc='心愿审核、认领、圆梦等进展'
          link
          value={
            unread ? (
              <Text className='nc-badge' id='unread-count'>
                {unread > 99 ? '99+' : unread}
              </Text>
            ) : undefined
          }
          onClick={() => go('/packages/wish/pages/notifications/index')}
        />
      </CellGroup>

      <CellGroup title='账号'>
        <Cell title='手机号' desc={me.phoneMasked ? undefined : '绑定后社区和认领人才能联系到您'} value={me.phoneMasked ?? '未绑定'}>
          {process.env.TARO_ENV === 'weapp' ? <BindPhone rebind={Boolean(me.phoneMasked)} /> : null}
        </Cell>
        {process.env.TARO_ENV !== 'weapp' && !me.phoneMasked && DEV_PERSONAS ? (
          <View className='nc-cell'>
            <BindPhone />
          </View>
        ) : null}
        <Cell title='隐私与授权' desc='查看和撤回您给出的授权' link id='me-consents' onClick={() => go('/packages/resident/pages/consents/index')} />
        <Cell title='个人信息' desc='下载我的数据、注销账号' link id='me-privacy' onClick={() => go('/packages/resident/pages/privacy/index')} />
      </CellGroup>

      {me.member ? (
        <CellGroup title='党员信息'>
          <View className='me__member' id='member-card' onClick={() => go('/packages/member/pages/profile/index')}>
            <View className='me__member-top'>
              <Text className='me__member-name'>{me.member.name}</Text>
              <Text className='nc-tag'>在职党员</Text>
            </View>
            <Text className='me__member-line'>{me.member.branch.name}</Text>
            {me.member.unit ? <Text className='me__member-line'>{me.member.unit.name}</Text> : null}
            <Text className='me__member-line'>居住社区：{me.member.residenceCommunity?.name ?? '未报到'}</Text>
          </View>
        </CellGroup>
      ) : null}

      {elderCell}

      <CellGroup title='我的身份'>
        {roles.map((r) => {
          const url = roleHome(r.role)
          return (
            <Cell
              key={r.id}
              className='role-cell'
              title={roleLabel(r.role)}
              desc={r.scopeName ?? undefined}
              link={Boolean(url)}
              onClick={url ? () => go(url) : undefined}
            />
          )
        })}
      </CellGroup>

      <View className='nc-actions'>
        <NcButton block onClick={confirmSignOut} id='sign-out'>
          退出登录
        </NcButton>
      </View>
    </View>
  )
}
