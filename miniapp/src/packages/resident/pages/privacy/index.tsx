import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { NcButton } from '../../../../components/NcButton'
import { RequireLogin } from '../../../../components/RequireLogin'
import { useCareMode } from '../../../../hooks/useCareMode'
import { deleteMyAccount, fetchMyData } from '../../../../services/privacy'
import { errorMessage } from '../../../../services/request'
import { clearToken } from '../../../../services/token'
import './index.scss'

const FILE_NAME = '我的数据.json'

/** Hands the document to the person: a file download in the browser, WeChat's send-file sheet in the mini-program. */
async function saveDocument(document: Record<string, unknown>): Promise<void> {
  const text = JSON.stringify(document, null, 2)
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
    const link = window.document.createElement('a')
    link.href = url
    link.download = FILE_NAME
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
    return
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/my-data.json`
  Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8')
  await Taro.shareFileMessage({ filePath, fileName: FILE_NAME })
}

function Privacy() {
  const careMode = useCareMode()
  const [busy, setBusy] = useState(false)

  const download = async () => {
    setBusy(true)
    try {
      await saveDocument(await fetchMyData())
      Taro.showToast({ title: '已下载', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: errorMessage(e, '下载失败，请稍后重试'), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: '注销账号',
      content: '注销后，您的手机号和心愿里的受助人信息将被清除，且无法恢复。心愿记录会匿名保留。确定注销吗？',
      confirmText: '确定注销',
      confirmColor: '#c8161d'
    })
    if (!confirm) return
    setBusy(true)
    try {
      await deleteMyAccount()
      clearToken()
      await Taro.showToast({ title: '账号已注销', icon: 'success' })
      Taro.reLaunch({ url: '/pages/me/index' })
    } catch (e) {
      // 409 (a wish in progress) and 403 (staff) say what to do.
      Taro.showModal({ title: '暂时不能注销', content: errorMessage(e), showCancel: false })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`nc-page privacy ${careMode.rootClass}`} style={careMode.rootStyle}>
      <View className='privacy__text'>
        <Text>
          您可以下载暖城保存的关于您的全部信息：账号、手机号、您发布的心愿和其中的受助人信息、消息通知等。也可以注销账号：您的个人信息会被清除，心愿记录匿名保留。
        </Text>
      </View>
      <View className='privacy__actions'>
        <NcButton type='primary' block onClick={download} disabled={busy} id='download-data'>
          下载我的数据
        </NcButton>
        <NcButton block onClick={remove} disabled={busy} id='delete-account'>
          注销账号
        </NcButton>
      </View>
    </View>
  )
}

export default function PrivacyPage() {
  return <RequireLogin>{() => <Privacy />}</RequireLogin>
}
