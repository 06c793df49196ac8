import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ErrorCode } from '@nuancheng/shared/constants'
import { Cell } from '../../components/Cell'
import { NcButton } from '../../components/NcButton'
import { StateView } from '../../components/StateView'
import { useAsync } from '../../hooks/useAsync'
import { fetchDevPersonas } from '../../services/auth'
import { session } from '../../store/session'
import './index.scss'

function afterSignIn() {
  Taro.showToast({ title: '登录成功', icon: 'success', duration: 1200 })
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
  else Taro.switchTab({ url: '/pages/me/index' })
}

/** Dev personas (dev:resident …) from GET /api/dev/personas, plus a free-text `dev:xxx` field. */
function DevPersonaPicker({ busy, onPick }: { busy: boolean; onPick: (code: string) => void }) {
  const personas = useAsync('personas', fetchDevPersonas)
  const [custom, setCustom] = useState('dev:')

  return (
    <View className='login__dev' id='dev-personas'>
      <View className='nc-section-title'>开发测试身份（仅开发环境）</View>
      {personas.status === 'loading' ? (
        <StateView type='loading' title='正在读取测试身份…' />
      ) : personas.status === 'error' ? (
        <StateView
          type='error'
          title={personas.error.code === ErrorCode.NotFound ? '当前服务未开启测试身份' : '测试身份加载失败'}
          message={personas.error.message}
          actionText='重新加载'
          onAction={personas.reload}
        />
      ) : personas.data.length === 0 ? (
        <StateView type='empty' title='没有可用的测试身份' />
      ) : (
        <View className='nc-cell-group'>
          {personas.data.map((p) => (
            <Cell key={p.code} className='persona-cell' title={p.label} desc={p.code} link onClick={busy ? undefined : () => onPick(p.code)} />
          ))}
        </View>
      )}
      <View className='login__custom'>
        <Input
          className='login__custom-input'
          id='persona-code'
          value={custom}
          placeholder='dev:member-01'
          onInput={(e) => setCustom(e.detail.value)}
        />
        <NcButton type='plain' size='small' disabled={busy} onClick={() => onPick(custom.trim())}>
          登录
        </NcButton>
      </View>
    </View>
  )
}

export default function LoginPage() {
  const [busy, setBusy] = useState(false)

  const signIn = async (getCode: () => Promise<string>) => {
    if (busy) return
    setBusy(true)
    try {
      const code = await getCode()
      await session.signIn(code)
      afterSignIn()
    } catch {
      // request() has shown the server's message; wx.login failures are toasted below.
    } finally {
      setBusy(false)
    }
  }

  const wechatLogin = () =>
    signIn(async () => {
      try {
        const { code } = await Taro.login()
        return code
      } catch (e) {
        Taro.showToast({ title: '微信登录失败，请稍后重试', icon: 'none' })
        throw e
      }
    })

  const devLogin = (code: string) => {
    if (!/^dev:[\w-]+$/.test(code)) {
      Taro.showToast({ title: '请输入 dev:身份 格式，如 dev:member-01', icon: 'none' })
      return
    }
    void signIn(async () => code)
  }

  const isWeapp = process.env.TARO_ENV === 'weapp'

  return (
    <View className='nc-page login'>
      <View className='login__brand'>
        <View className='login__logo'>
          <Text>暖</Text>
        </View>
        <Text className='login__title'>暖城</Text>
        <Text className='login__sub'>领航共建 · 先锋暖城</Text>
      </View>

      {isWeapp ? (
        <View className='nc-actions'>
          <NcButton type='primary' block loading={busy} onClick={wechatLogin} id='wechat-login'>
            微信一键登录
          </NcButton>
          <View className='nc-hint login__agreement'>登录即表示同意按《暖城用户服务协议》使用您的微信身份</View>
        </View>
      ) : null}

      {DEV_PERSONAS ? (
        <DevPersonaPicker busy={busy} onPick={devLogin} />
      ) : isWeapp ? null : (
        <StateView type='empty' title='请在微信中打开' message='在微信中搜索「暖城」小程序，或扫描社区二维码进入' />
      )}
    </View>
  )
}
