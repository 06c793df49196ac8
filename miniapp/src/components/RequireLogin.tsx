import type { ReactNode } from 'react'
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
