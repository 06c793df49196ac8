import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Notification } from '@nuancheng/shared'
import { PagedListView } from '../../../../components/PagedListView'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { usePagedList } from '../../../../hooks/usePagedList'
import { fetchNotifications, markAllNotificationsRead, markNotificationRead } from '../../../../services/notifications'
import { formatDateTime } from '../../../../utils/format'
import { go, linkUrl } from '../../../../utils/navigation'
import './index.scss'

function NotificationList() {
  const list = usePagedList<Notification>('notifications', (page) => fetchNotifications(page))
  /** Read locally (the server is told in the background). */
  const [read, setRead] = useState<Set<string>>(new Set())
  const [markingAll, setMarkingAll] = useState(false)

  const isUnread = (n: Notification) => !n.readAt && !read.has(n.id)
  const markRead = (ids: string[]) => setRead((s) => new Set([...s, ...ids]))

  const openItem = (n: Notification) => {
    if (isUnread(n)) {
      markRead([n.id])
      void markNotificationRead(n.id).catch(() => undefined)
    }
    const url = n.link ? linkUrl(n.link) : null
    if (url) go(url)
  }

  const markAll = async () => {
    const unread = list.items.filter(isUnread)
    if (unread.length === 0) return
    setMarkingAll(true)
    try {
      await markAllNotificationsRead()
      markRead(unread.map((n) => n.id))
      Taro.showToast({ title: '已全部标为已读', icon: 'none' })
    } catch {
      Taro.showToast({ title: '未能标为已读，请稍后重试', icon: 'none' })
    } finally {
      setMarkingAll(false)
    }
  }

  const unreadCount = list.items.filter(isUnread).length
  return (
    <PagedListView
      list={list}
      loading='正在加载消息…'
      failed='消息加载失败'
      empty={{ title: '暂无消息', message: '心愿审核、认领、圆梦等进展会通知您' }}
      id='notifications'
      head={
        <View className='notifications__toolbar'>
          <NcButton size='small' type='plain' id='mark-all-read' disabled={unreadCount === 0} loading={markingAll} onClick={markAll}>
            全部标为已读
          </NcButton>
        </View>
      }
    >
      {(n) => (
        <View
          key={n.id}
          className={`notifications__item notification-item ${isUnread(n) ? 'notifications__item--unread notification-item--unread' : ''}`}
          hoverClass='nc-cell--hover'
          onClick={() => openItem(n)}
        >
          <View className='notifications__head'>
            <Text className='notifications__title'>{n.title}</Text>
            {isUnread(n) ? <View className='notifications__dot' /> : null}
          </View>
          <Text className='notifications__body'>{n.body}</Text>
          <Text className='notifications__time'>{formatDateTime(n.createdAt)}</Text>
        </View>
      )}
    </PagedListView>
  )
}

/** 消息: in-app notifications, newest first; opening one marks it read and follows its link. */
export default function NotificationsPage() {
  return (
    <SignedInPage className='notifications' message='登录后查看您的消息'>
      {() => <NotificationList />}
    </SignedInPage>
  )
}
