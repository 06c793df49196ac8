import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { ActivityDetail } from '@nuancheng/shared'
import { TextField } from '../../../../components/TextField'
import { NcButton } from '../../../../components/NcButton'
import { PrivacyGate } from '../../../../components/PrivacyGate'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { checkIn, fetchActivity } from '../../../../services/activities'
import { errorMessage } from '../../../../services/request'
import { activityTime, checkinCodeFromParams, parseCheckinCode } from '../../../../utils/activities'
import { formatDateTime } from '../../../../utils/format'
import { canTypeCheckin, currentFix, LocationError, type Fix } from '../../../../utils/location'
import { go } from '../../../../utils/navigation'
import '../../styles.scss'

type Result = { ok: boolean; title: string; message: string } | null

function Checkin({ activityId, initialToken }: { activityId: string; initialToken: string | null }) {
  const [a, setA] = useState<ActivityDetail | null>(null)
  const [loadError, setLoadError] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<Result>(null)
  const typed = canTypeCheckin()
  const [dev, setDev] = useState({ token: initialToken ?? '', lat: '', lng: '', accuracy: '30' })
  const autoTried = useRef(false)

  const load = useCallback(() => {
    fetchActivity(activityId).then(
      (detail) => {
        setA(detail)
        setDev((d) => ({ ...d, lat: d.lat || String(detail.lat), lng: d.lng || String(detail.lng) }))
      },
      (e: unknown) => setLoadError(errorMessage(e, '加载失败'))
    )
  }, [activityId])
  useEffect(load, [load])

  const out = a?.myAttendance?.status === 'checked_in'
  const verb = out ? '签退' : '签到'

  const submit = useCallback(
    async (token: string, typedFix?: Fix) => {
      if (!a) return
      setBusy(true)
      setResult(null)
      const isOut = a.myAttendance?.status === 'checked_in'
      const word = isOut ? '签退' : '签到'
      try {
        const fix = typedFix ?? (await currentFix())
        const next = await checkIn(a.id, { token, lat: fix.lat, lng: fix.lng, accuracy: fix.accuracy }, isOut)
        setA(next)
        const at = isOut ? next.myAttendance?.checkedOutAt : next.myAttendance?.checkedInAt
        setResult({ ok: true, title: `${word}成功`, message: `${next.title}，${word}时间 ${formatDateTime(at)}` })
      } catch (e) {
        setResult({ ok: false, title: `${word}未成功`, message: e instanceof LocationError ? e.message : errorMessage(e, `${word}失败，请稍后重试`) })
      } finally {
        setBusy(false)
      }
    },
    [a]
  )

  // Opened by WeChat's scanner (the QR link in `q`): check in at once, one tap saved.
  useEffect(() => {
    if (a && initialToken && !typed && !autoTried.current) {
      autoTried.current = true
      void submit(initialToken)
    }
  }, [a, initialToken, typed, submit])

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const code = parseCheckinCode(res.result)
      if (!code) {
        Taro.showToast({ title: '这不是活动签到码，请扫描组织者手机上的签到码', icon: 'none', duration: 3000 })
        return
      }
      await submit(code.token)
    } catch {
      // The user closed the scanner.
    }
  }

  const submitTyped = () => {
    const fix = { lat: Number(dev.lat), lng: Number(dev.lng), accuracy: Number(dev.accuracy) }
    if (![fix.lat, fix.lng, fix.accuracy].every(Number.isFinite)) return Taro.showToast({ title: '请填写数字形式的纬度、经度和精度', icon: 'none' })
    void submit(dev.token.trim(), fix)
  }

  if (loadError) return <StateView type='error' title='加载失败' message={loadError} actionText='重新加载' onAction={load} />
  if (!a) return <StateView type='loading' />
  const done = a.myAttendance?.status === 'checked_out'

  return (
    <View id='checkin-page'>
      <View className='act-head'>
        <Text className='act-head__title'>{a.title}</Text>
        <Text className='act-head__line'>{activityTime(a)}</Text>
        <Text className='act-head__line'>
          {a.community.name} · {a.placeName}
        </Text>
      </View>

      {result ? (
        <View className='act-result' id='checkin-result'>
          <Text className={`act-result__title act-result__title--${result.ok ? 'ok' : 'no'}`} id='checkin-result-title'>
            {result.title}
          </Text>
          <Text className='act-result__message' id='checkin-result-message'>
            {result.message}
          </Text>
        </View>
      ) : null}

      {done ? (
        <View className='nc-hint'>
          <Text>您已完成签到和签退，活动结束后由组织者审核服务时长。</Text>
        </View>
      ) : (
        <View className='nc-actions'>
          <NcButton type='primary' block id='scan-checkin' loading={busy} onClick={() => void scan()}>
            扫码{verb}
          </NcButton>
        </View>
      )}

      {typed && !done ? (
        <View className='dev-checkin' id='dev-checkin'>
          <Text className='nc-field__hint'>测试用（仅浏览器开发版）：粘贴组织者页面上的签到码并填写位置</Text>
          <TextField label='签到码' id='dev-token' value={dev.token} placeholder='粘贴签到码' onInput={(token) => setDev((d) => ({ ...d, token }))} />
          <TextField label='纬度（GCJ-02）' id='dev-lat' type='digit' value={dev.lat} onInput={(lat) => setDev((d) => ({ ...d, lat }))} />
          <TextField label='经度（GCJ-02）' id='dev-lng' type='digit' value={dev.lng} onInput={(lng) => setDev((d) => ({ ...d, lng }))} />
          <TextField
            label='定位精度（米）'
            id='dev-accuracy'
            type='digit'
            value={dev.accuracy}
            onInput={(accuracy) => setDev((d) => ({ ...d, accuracy }))}
          />
          <NcButton block id='dev-submit' loading={busy} onClick={submitTyped}>
            {verb}（测试）
          </NcButton>
        </View>
      ) : null}

      <View className='nc-hint'>
        <Text>请在活动现场扫描组织者手机上不断刷新的签到码。签到需要读取一次您的位置，用于确认您在活动地点 {a.radiusM} 米范围内。</Text>
      </View>
      <View className='nc-actions'>
        <NcButton block id='go-detail' onClick={() => go(`/packages/activities/pages/detail/index?id=${encodeURIComponent(a.id)}`)}>
          查看活动详情
        </NcButton>
      </View>
    </View>
  )
}

/** 签到 / 签退: opened from an activity, from WeChat's scanner (the QR link in `q`), or from the H5 landing (`t`). */
export default function CheckinPage() {
  const { params } = useRouter()
  const code = checkinCodeFromParams(params)
  const activityId = params.id || code?.activityId
  return (
    <View className='nc-page checkin'>
      <PrivacyGate />
      {activityId ? (
        <RequireLogin message='登录后签到'>{() => <Checkin activityId={activityId} initialToken={code?.token ?? null} />}</RequireLogin>
      ) : (
        <StateView type='error' title='没有识别到活动' message='请扫描组织者手机上的签到码' />
      )}
    </View>
  )
}
