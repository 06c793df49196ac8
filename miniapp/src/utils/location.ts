import Taro from '@tarojs/taro'
import { ensureConsent } from '../services/consents'

export interface Fix {
  lat: number
  lng: number
  accuracy: number
}

/** An error whose message is fit for the page (Chinese, says what to do). */
export class LocationError extends Error {}

/** Whether this is the H5 build opened outside WeChat (a tester's browser): a token and a location may be typed. */
export function canTypeCheckin(): boolean {
  if (process.env.TARO_ENV !== 'h5' || !DEV_PERSONAS) return false
  return typeof navigator === 'undefined' || !/MicroMessenger/i.test(navigator.userAgent)
}

/**
 * The phone's location, once (GCJ-02, with its accuracy in metres). A refused permission asks the user to allow it
 * in the settings, with the reason; any other failure says to retry where the signal is better.
 */
export async function currentFix(): Promise<Fix> {
  // PIPL: the first read asks for consent to the location scope (H5: our sheet; weapp: WeChat's flow).
  if (!(await ensureConsent('location'))) throw new LocationError('需要您同意《暖城隐私保护指引》后才能读取位置签到')
  try {
    const res = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 4000 })
    const accuracy = Number(res.accuracy ?? res.horizontalAccuracy ?? 0)
    return { lat: res.latitude, lng: res.longitude, accuracy: Number.isFinite(accuracy) ? accuracy : 0 }
  } catch (e) {
    const msg = String((e as { errMsg?: string })?.errMsg ?? e)
    if (/auth|deny|denied|permission/i.test(msg)) {
      if (process.env.TARO_ENV === 'weapp') {
        const { confirm } = await Taro.showModal({
          title: '需要位置权限',
          content: '签到需要确认您在活动现场。请在设置中允许“暖城”使用您的位置信息。',
          confirmText: '去设置',
          confirmColor: '#c8161d'
        })
        if (confirm) await Taro.openSetting()
      }
      throw new LocationError('没有位置权限，无法确认您在活动现场。请允许使用位置信息后重试')
    }
    if (/privacy/i.test(msg)) throw new LocationError('需要先同意隐私保护指引，才能读取位置签到')
    throw new LocationError('暂时无法获取位置，请到开阔处、打开 GPS 或 WLAN 后重试')
  }
}

/** Whether location is already allowed (weapp), so a list may sort by distance without asking. */
export async function locationAllowed(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return false
  try {
    const { authSetting } = await Taro.getSetting()
    return authSetting['scope.userLocation'] === true
  } catch {
    return false
  }
}
