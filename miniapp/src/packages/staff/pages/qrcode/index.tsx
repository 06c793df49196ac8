import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { fetchRegions } from '../../../../services/regions'
import { errorMessage, joinUrl, NETWORK_ERROR_MESSAGE } from '../../../../services/request'
import './index.scss'

/** Saves the printable PNG: to the phone's album on weapp (asks for the album permission), a download on H5. */
async function saveQrCode(url: string, name: string) {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = url
    a.download = `${name}-二维码.png`
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  Taro.showLoading({ title: '正在保存…' })
  try {
    const { tempFilePath, statusCode } = await Taro.downloadFile({ url })
    if (statusCode !== 200) throw new Error(String(statusCode))
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
    Taro.hideLoading()
    Taro.showToast({ title: '已保存到相册', icon: 'success' })
  } catch (e) {
    Taro.hideLoading()
    const denied = /auth|deny|denied/i.test(String((e as { errMsg?: string })?.errMsg ?? ''))
    if (denied) {
      void Taro.showModal({ title: '无法保存到相册', content: '请在设置中允许“保存到相册”后重试', confirmText: '去设置', cancelText: '取消' }).then(
        (r) => {
          if (r.confirm) void Taro.openSetting()
        }
      )
    } else {
      Taro.showToast({ title: NETWORK_ERROR_MESSAGE, icon: 'none' })
    }
  }
}

/** 社区二维码: the community's printable code (served by the server), to save and put up for residents to scan. */
function QrCode({ communityId }: { communityId: string }) {
  const communities = useAsync('communities', () => fetchRegions('community'))
  const [failed, setFailed] = useState(false)
  if (communities.status === 'loading') return <StateView type='loading' title='正在加载…' />
  if (communities.status === 'error')
    return <StateView type='error' title='加载失败' message={errorMessage(communities.error)} actionText='重新加载' onAction={communities.reload} />
  const community = communities.data.find((c) => c.id === communityId)
  if (!community?.code) return <StateView type='empty' title='没有找到这个社区的二维码' message='请从工作台重新进入' />
  const url = joinUrl(`/api/communities/${encodeURIComponent(community.code)}/qrcode.png`)
  return (
    <View>
      <View className='staff-qrcode__card'>
        <Text className='staff-qrcode__name' id='qrcode-name'>
          {community.name}
        </Text>
        {failed ? (
          <StateView type='error' title='二维码加载失败' message={NETWORK_ERROR_MESSAGE} actionText='重新加载' onAction={() => setFailed(false)} />
        ) : (
          <Image
            id='qrcode-image'
            className='staff-qrcode__image'
            src={url}
            mode='widthFix'
            showMenuByLongpress
            ariaLabel={`${community.name}二维码`}
            onError={() => setFailed(true)}
          />
        )}
        <Text className='staff-qrcode__hint'>居民用微信扫一扫，即可打开本社区页面提交心愿。可打印张贴在社区公告栏。</Text>
      </View>
      <View className='staff-qrcode__actions'>
        <NcButton id='qrcode-save' type='primary' block onClick={() => void saveQrCode(url, community.name)}>
          {process.env.TARO_ENV === 'h5' ? '下载二维码' : '保存到相册'}
        </NcButton>
      </View>
    </View>
  )
}

export default function StaffQrCodePage() {
  const { params } = useRouter()
  return (
    <SignedInPage className='staff-qrcode'>
      {(me) => {
        const mine = me.roles.filter((r) => r.role === 'community_staff' && r.scopeId)
        const communityId = params.communityId && mine.some((r) => r.scopeId === params.communityId) ? params.communityId : mine[0]?.scopeId
        if (!communityId) return <StateView type='empty' title='您还不是社区工作者' message='社区二维码由本社区工作者保存和张贴' />
        return <QrCode communityId={communityId} />
      }}
    </SignedInPage>
  )
}
