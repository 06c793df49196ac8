import { useState } from 'react'
import { Button, Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ErrorCode } from '@nuancheng/shared/constants'
import { NcButton } from './NcButton'
import { PrivacyGate } from './PrivacyGate'
import { ensureConsent } from '../services/consents'
import { errorMessage, hasErrorCode } from '../services/request'
import { session } from '../store/session'

/**
 * Binds the phone number. weapp: WeChat's phone-number button hands us a one-time code.
 * H5 in dev mode: type `dev-phone:13800001234` (the dev server accepts it in place of that code).
 */
export function BindPhone({ rebind }: { rebind?: boolean }) {
  const [busy, setBusy] = useState(false)
  const [devCode, setDevCode] = useState('dev-phone:13800001234')

  const submit = async (code: string) => {
    // PIPL: the first binding asks for consent to the phone scope (H5: our sheet; weapp: WeChat's flow ran already).
    if (!(await ensureConsent('phone'))) return
    setBusy(true)
    try {
      await session.bindPhone(code, { toast: false })
      Taro.showToast({ title: '手机号已绑定', icon: 'success' })
    } catch (e) {
      // Bound to another WeChat account: only community staff can move it, so say so where it stays readable.
      if (hasErrorCode(e, ErrorCode.PhoneAlreadyBound)) {
        void Taro.showModal({ title: '手机号已被绑定', content: e.message, showCancel: false, confirmText: '知道了' })
      } else {
        Taro.showToast({ title: errorMessage(e, '绑定失败，请稍后重试'), icon: 'none', duration: 2500 })
      }
    } finally {
      setBusy(false)
    }
  }

  if (process.env.TARO_ENV === 'weapp') {
    return (
      <>
        <PrivacyGate />
        <Button
          className='nc-btn nc-btn--plain nc-btn--small nc-native-btn'
          openType='getPhoneNumber'
          disabled={busy}
          onGetPhoneNumber={(e) => {
            const code = (e.detail as { code?: string }).code
            if (code) void submit(code)
            else Taro.showToast({ title: '未授权手机号', icon: 'none' })
          }}
        >
          {rebind ? '更换' : '绑定手机号'}
        </Button>
      </>
    )
  }

  if (!DEV_PERSONAS) return null
  return (
    <View className='bind-phone-dev'>
      <Input className='bind-phone-dev__input' value={devCode} onInput={(e) => setDevCode(e.detail.value)} placeholder='dev-phone:13800001234' />
      <NcButton type='plain' size='small' loading={busy} onClick={() => submit(devCode.trim())}>
        {rebind ? '更换' : '绑定测试手机号'}
      </NcButton>
      <PrivacyGate />
    </View>
  )
}
