import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { ConsentScope } from '@nuancheng/shared'
import { CONSENT_SCOPE_LABELS, PRIVACY_NOTICE } from '@nuancheng/shared/constants'
import { NcButton } from './NcButton'
import { recordConsent, registerConsentAsker, rememberGranted } from '../services/consents'
import { getToken } from '../services/token'

type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void

interface WxPrivacyApi {
  onNeedPrivacyAuthorization?: (listener: (resolve: Resolve) => void) => void
  openPrivacyContract?: (options?: object) => void
}

const wxApi = (): WxPrivacyApi | null => (process.env.TARO_ENV === 'weapp' ? ((globalThis as { wx?: WxPrivacyApi }).wx ?? null) : null)

/** What WeChat's flow covers: the privacy APIs (phone, location, album and camera) of this app. */
const WEAPP_SCOPES: ConsentScope[] = ['phone', 'location', 'photos']

interface Pending {
  scopes: ConsentScope[]
  answer: (agreed: boolean) => void
}

/**
 * Our privacy sheet, shown before the first phone binding, location read or photo pick.
 * weapp: WeChat's privacy-authorization flow (app.json `__usePrivacyCheck__`) asks the page through
 * wx.onNeedPrivacyAuthorization before such an API; this shows the notice and answers with the user's choice
 * (the agree button is `open-type="agreePrivacyAuthorization"`, its id passed as buttonId), and records it.
 * H5: services/consents.ensureConsent asks through it, and an agreement is recorded (POST /api/me/consents)
 * before the action goes on. Mounted by BindPhone, PhotoPicker and the check-in pages.
 * Ids for tests: #privacy-gate, #privacy-agree, #privacy-disagree.
 */
export function PrivacyGate({ purpose }: { purpose?: string }) {
  const [pending, setPending] = useState<Pending | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const wx = wxApi()
    if (wx) {
      // Only the latest listener is kept by WeChat: the page shown registers its own.
      wx.onNeedPrivacyAuthorization?.((resolve) =>
        setPending({
          scopes: WEAPP_SCOPES,
          answer: (agreed) => resolve(agreed ? { event: 'agree', buttonId: 'privacy-agree' } : { event: 'disagree' })
        })
      )
      return undefined
    }
    return registerConsentAsker((asked) => new Promise<boolean>((resolve) => setPending({ scopes: [asked], answer: resolve })))
  }, [])

  if (!pending) return null
  const close = (agreed: boolean) => {
    pending.answer(agreed)
    setPending(null)
    setError(null)
  }
  const agree = async () => {
    if (wxApi()) {
      // WeChat has the agreement from the button; ours goes on record when signed in (best effort).
      close(true)
      if (getToken())
        void recordConsent(pending.scopes, 'granted').then(
          () => rememberGranted(pending.scopes),
          () => undefined
        )
      return
    }
    setBusy(true)
    try {
      await recordConsent(pending.scopes, 'granted')
      rememberGranted(pending.scopes)
      close(true)
    } catch {
      setError('没有记录成功，请检查网络后重试')
    } finally {
      setBusy(false)
    }
  }
  const shown = pending.scopes.map((s) => CONSENT_SCOPE_LABELS[s])
  const why = purpose ?? shown.map((s) => s.purpose).join('；')
  return (
    <View className='nc-sheet' id='privacy-gate' catchMove>
      <View className='nc-sheet__mask' />
      <View className='nc-sheet__panel'>
        <Text className='nc-sheet__title'>隐私保护提示</Text>
        <Text className='nc-sheet__hint'>
          {`使用${shown.map((s) => s.label).join('、')}前，请阅读《${PRIVACY_NOTICE.title}》（${PRIVACY_NOTICE.effectiveDate} 起施行）。${why}。您可以随时在“我的 → 隐私与授权”中撤回同意。`}
        </Text>
        {wxApi() ? (
          <Text className='privacy-gate__link' onClick={() => wxApi()?.openPrivacyContract?.()}>
            查看《{PRIVACY_NOTICE.title}》
          </Text>
        ) : (
          <View className='privacy-gate__sections'>
            {PRIVACY_NOTICE.sections.map((s) => (
              <Text key={s.title} className='privacy-gate__section'>
                {`${s.title}：${s.body}`}
              </Text>
            ))}
          </View>
        )}
        {error ? (
          <Text className='nc-sheet__error' id='privacy-error'>
            {error}
          </Text>
        ) : null}
        <View className='nc-sheet__buttons'>
          <NcButton className='nc-sheet__button' id='privacy-disagree' disabled={busy} onClick={() => close(false)}>
            不同意
          </NcButton>
          {wxApi() ? (
            <Button
              id='privacy-agree'
              className='nc-native-btn nc-btn nc-btn--primary nc-sheet__button'
              openType='agreePrivacyAuthorization'
              onAgreePrivacyAuthorization={() => void agree()}
            >
              同意并继续
            </Button>
          ) : (
            <NcButton className='nc-sheet__button' type='primary' id='privacy-agree' loading={busy} onClick={() => void agree()}>
              同意并继续
            </NcButton>
          )}
        </View>
      </View>
    </View>
  )
}
