import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ConsentScope, MyConsents } from '@nuancheng/shared'
import { CONSENT_SCOPE_LABELS, CONSENT_STATE_LABELS, PRIVACY_NOTICE } from '@nuancheng/shared/constants'
import { CellGroup } from '../../../../components/Cell'
import { NcButton } from '../../../../components/NcButton'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useCareMode } from '../../../../hooks/useCareMode'
import { fetchMyConsents, forgetGranted, recordConsent } from '../../../../services/consents'
import { errorMessage } from '../../../../services/request'
import { formatDateTime } from '../../../../utils/format'
import './index.scss'

/** What stops working when a scope is withdrawn, said before the person confirms. */
const AFTER_WITHDRAW: Record<ConsentScope, string> = {
  phone: '撤回后，再次绑定或更换手机号前会重新征求您的同意；已绑定的手机号不会因此删除，如需删除请注销账号。',
  location: '撤回后，暖城不再读取您的位置；下次活动签到、签退前会重新征求您的同意。',
  photos: '撤回后，暖城不再读取您的相册和相机；下次上传照片前会重新征求您的同意。已上传的照片仍按心愿和活动的规则展示。',
  sensitive: '撤回会记录在案。已填写在心愿中的困难情况、受助人信息不会因此删除，如需删除请撤回心愿或注销账号。'
}

/**
 * 隐私与授权 (我的 → 隐私与授权): each scope of the privacy notice, whether the person consented (to which version,
 * when), and a withdraw button behind a confirmation saying what withdrawing means. A withdrawal is a new record
 * (POST /api/me/consents, decision withdrawn; audited) and the privacy sheet asks again before the next use.
 * Ids for tests: #consent-<scope>, #withdraw-<scope>, #consent-history.
 */
function Consents() {
  const careMode = useCareMode()
  const [mine, setMine] = useState<MyConsents | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<ConsentScope | null>(null)

  const load = () => {
    setError(null)
    fetchMyConsents().then(setMine, (e) => setError(errorMessage(e, '没有加载成功，请稍后重试')))
  }
  useEffect(load, [])

  const withdraw = async (scope: ConsentScope) => {
    const { label } = CONSENT_SCOPE_LABELS[scope]
    const { confirm } = await Taro.showModal({
      title: `撤回“${label}”授权`,
      content: AFTER_WITHDRAW[scope],
      confirmText: '确定撤回',
      cancelText: '暂不撤回',
      confirmColor: '#c8161d'
    })
    if (!confirm) return
    setBusy(scope)
    try {
      const next = await recordConsent([scope], 'withdrawn')
      forgetGranted([scope])
      setMine(next)
      Taro.showToast({ title: '已撤回', icon: 'success' })
    } catch (e) {
      Taro.showModal({ title: '没有撤回成功', content: errorMessage(e, '请检查网络后重试'), showCancel: false })
    } finally {
      setBusy(null)
    }
  }

  if (!mine) return error ? <StateView type='error' message={error} actionText='重试' onAction={load} /> : <StateView type='loading' />

  const history = [...mine.history].reverse()
  return (
    <View className={`nc-page consents ${careMode.rootClass}`} style={careMode.rootStyle}>
      <View className='consents__intro'>
        <Text>{`以下是您对《${PRIVACY_NOTICE.title}》（${PRIVACY_NOTICE.version} 版，${PRIVACY_NOTICE.effectiveDate} 起施行）各项内容的授权。撤回和同意一样简单，撤回不影响撤回前已进行的处理。`}</Text>
      </View>
      <CellGroup title='各项授权'>
        {mine.scopes.map((s) => {
          const { label, purpose } = CONSENT_SCOPE_LABELS[s.scope]
          const meta = s.at ? `${s.granted ? '同意' : '最近一次决定'}：${s.noticeVersion} 版，${formatDateTime(s.at)}` : '尚未征求过您的同意'
          return (
            <View key={s.scope} className='consents__scope' id={`consent-${s.scope}`}>
              <View className='consents__head'>
                <Text className='consents__label'>{label}</Text>
                <Text className={`consents__state ${s.granted ? 'consents__state--granted' : ''}`}>
                  {CONSENT_STATE_LABELS[s.granted ? 'granted' : s.at ? 'withdrawn' : 'none']}
                </Text>
              </View>
              <Text className='consents__purpose'>{purpose}</Text>
              <Text className='consents__meta'>{meta}</Text>
              {s.granted ? (
                <NcButton id={`withdraw-${s.scope}`} loading={busy === s.scope} disabled={busy !== null} onClick={() => void withdraw(s.scope)}>
                  撤回授权
                </NcButton>
              ) : null}
            </View>
          )
        })}
      </CellGroup>
      {history.length ? (
        <CellGroup title='授权记录'>
          <View className='consents__history' id='consent-history'>
            {history.map((h) => (
              <Text key={h.id} className='consents__history-line'>
                {`${formatDateTime(h.at)}  ${h.decision === 'granted' ? '同意' : '撤回'}“${CONSENT_SCOPE_LABELS[h.scope].label}”（${h.noticeVersion} 版）`}
              </Text>
            ))}
          </View>
        </CellGroup>
      ) : null}
    </View>
  )
}

export default function ConsentsPage() {
  return <RequireLogin>{() => <Consents />}</RequireLogin>
}
