import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { Me } from '@nuancheng/shared'
import { useSession } from '../hooks/useSession'
import { goLogin } from '../utils/navigation'
import { StateView } from './StateView'

/** Renders `children(me)` for a signed-in user, else a sign-in prompt. */
export function RequireLogin({ children, message }: { children: (me: Me) => ReactNode; message?: string }) {
  const { status, me } = useSession()
  if (status === 'loading') return <StateView type='loading' />
  if (!me) {
    return <StateView type='empty' title='请先登录' message={message ?? '登录后查看您的身份与工作台'} actionText='去登录' onAction={goLogin} />
  }
  return <>{children(me)}</>
}

/** A page for signed-in users only: the page (`.nc-page` and its own class) around RequireLogin. */
export function SignedInPage({ className, children, message }: { className: string; children: (me: Me) => ReactNode; message?: string }) {
  return (
    <View className={`nc-page ${className}`}>
      <RequireLogin message={message}>{children}</RequireLogin>
    </View>
  )
}
