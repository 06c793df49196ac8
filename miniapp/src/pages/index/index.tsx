import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { CellGroup, Cell } from '../../components/Cell'
import { NcButton } from '../../components/NcButton'
import { useCareMode } from '../../hooks/useCareMode'
import { useSession } from '../../hooks/useSession'
import { isCommunityCode, parseCommunityCodeFromScan } from '../../utils/community-code'
import { lastCommunity, type LastCommunity } from '../../utils/last-community'
import { communityUrl, go, goLogin, linkUrl, parseLinkParam } from '../../utils/navigation'
import { describeRole, roleEntries } from '../../utils/roles'
import './index.scss'

export default function IndexPage() {
  const { me, status } = useSession()
  const careMode = useCareMode()
  const [recent, setRecent] = useState<LastCommunity | null>(null)
  const [manualCode, setManualCode] = useState('')

  useDidShow(() => setRecent(lastCommunity()))
  // A WeChat subscribe message opens this page with the notification's typed link: follow it.
  useLoad((params: Record<string, string | undefined>) => {
    const link = parseLinkParam(params.link)
    const url = link ? linkUrl(link) : null
    if (url) go(url)
  })

  const scan = async () => {
    if (process.env.TARO_ENV !== 'weapp') {
      Taro.showToast({ title: '请在微信中使用扫一扫，或在下方输入社区编码', icon: 'none', duration: 2500 })
      return
    }
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false })
      const code = parseCommunityCodeFromScan(res)
      if (code) go(communityUrl(code))
      else Taro.showToast({ title: '这不是暖城社区二维码', icon: 'none' })
    } catch (e) {
      const msg = (e as { errMsg?: string })?.errMsg ?? ''
      if (!/cancel/.test(msg)) Taro.showToast({ title: '无法打开扫一扫，请稍后重试', icon: 'none' })
    }
  }

  const openManual = () => {
    const code = manualCode.trim()
    if (!isCommunityCode(code)) {
      Taro.showToast({ title: '社区编码应为 4–12 位字母或数字', icon: 'none' })
      return
    }
    go(communityUrl(code))
  }

  const entries = me ? roleEntries(me.roles) : []

  return (
    <View className={`nc-page home ${careMode.rootClass}`} style={careMode.rootStyle}>
      <View className='home__banner'>
        <Text className='home__slogan'>领航共建 · 先锋暖城</Text>
        <Text className='home__sub'>扫社区二维码，说出您的微心愿；在职党员认领，件件有着落</Text>
        <View className='home__greeting'>
          {me ? (
            <Text>您好，{me.member?.name ?? me.nickname ?? '微信用户'}</Text>
          ) : status === 'loading' ? (
            <Text>正在登录…</Text>
          ) : (
            <View className='home__login' onClick={goLogin}>
              <Text>未登录 · 点此登录</Text>
            </View>
          )}
        </View>
      </View>

      <View className='home__scan-card'>
        <View className='home__scan' hoverClass='home__scan--hover' onClick={scan} id='scan'>
          <View className='home__scan-icon'>
            <View className='home__scan-corner home__scan-corner--tl' />
            <View className='home__scan-corner home__scan-corner--tr' />
            <View className='home__scan-corner home__scan-corner--bl' />
            <View className='home__scan-corner home__scan-corner--br' />
            <View className='home__scan-line' />
          </View>
          <Text className='home__scan-text'>扫一扫</Text>
          <Text className='home__scan-hint'>扫描社区张贴的二维码</Text>
        </View>
        <View className='home__manual'>
          <Input
            className='home__manual-input'
            placeholder='或输入社区编码，如 KDSQ01'
            value={manualCode}
            maxlength={12}
            confirmType='go'
            onInput={(e) => setManualCode(e.detail.value)}
            onConfirm={openManual}
          />
          <NcButton type='plain' size='small' onClick={openManual}>
            前往
          </NcButton>
        </View>
      </View>

      {recent ? (
        <CellGroup title='最近访问'>
          <Cell title={recent.name} desc={`${recent.district} · ${recent.street}`} link onClick={() => go(communityUrl(recent.code))} />
        </CellGroup>
      ) : null}

      {entries.length > 0 ? (
        <CellGroup title='我的工作台'>
          {entries.map((entry) => (
            <Cell key={entry.url} title={entry.title} desc={entry.roles.map(describeRole).join('、')} link onClick={() => go(entry.url)} />
          ))}
        </CellGroup>
      ) : null}

      <View className='nc-hint nc-elder-hide'>微心愿经社区审核后公开展示，仅显示姓氏；您的联系方式只提供给认领人和社区工作人员。</View>
    </View>
  )
}
