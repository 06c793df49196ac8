import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Certificate } from '@nuancheng/shared'
import { Chips } from '../../../../components/Chips'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { fetchCertificates, issueCertificate } from '../../../../services/reports'
import { joinUrl } from '../../../../services/request'
import { formatDateTime } from '../../../../utils/format'
import { go } from '../../../../utils/navigation'
import { halfYearLabel, recentHalfYearKeys } from '../../../../utils/reports'
import '../../reports.scss'

/** Opens the PDF: WeChat's document viewer on weapp (save / forward from its menu), the browser's download on H5. */
async function openPdf(cert: Certificate) {
  const url = joinUrl(cert.downloadUrl)
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = url
    a.download = `志愿服务记录证明-${cert.number}.pdf`
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  Taro.showLoading({ title: '正在下载…' })
  try {
    const { tempFilePath, statusCode } = await Taro.downloadFile({ url })
    if (statusCode !== 200) throw new Error(String(statusCode))
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf', showMenu: true })
  } catch {
    Taro.showToast({ title: '下载失败，请稍后重试', icon: 'none' })
  } finally {
    Taro.hideLoading()
  }
}

function Certificates() {
  const [previous, current] = recentHalfYearKeys()
  const year = current.slice(0, 4)
  const options = [previous, current, year]
  const [period, setPeriod] = useState(previous)
  const [busy, setBusy] = useState(false)
  const list = useAsync('certificates', fetchCertificates)
  const [latest, setLatest] = useState<Certificate | null>(null)

  const issue = async () => {
    setBusy(true)
    try {
      const cert = await issueCertificate(period)
      setLatest(cert)
      list.reload()
      Taro.showToast({ title: '证明已开具', icon: 'success' })
    } catch {
      // Toasted.
    } finally {
      setBusy(false)
    }
  }

  /** The list's links last 10 minutes: take a fresh one before downloading. */
  const download = async (number: string) => {
    try {
      const fresh = (await fetchCertificates()).items.find((c) => c.number === number)
      if (fresh) await openPdf(fresh)
    } catch {
      Taro.showToast({ title: '下载失败，请稍后重试', icon: 'none' })
    }
  }

  const items = list.data?.items ?? []
  return (
    <View>
      <View className='nc-hint'>
        按照《志愿服务记录与证明出具办法》，证明载明您的身份、每次服务的日期、时长和内容、累计时长，以及出具单位、负责人和联系方式。证明上的二维码可供核验真伪。
      </View>
      <View className='nc-card'>
        <Text className='report-editor__label'>选择时段</Text>
        <Chips
          id='certificate-period'
          options={options}
          labels={{ [previous]: halfYearLabel(previous), [current]: halfYearLabel(current), [year]: `${year}年全年` }}
          value={period}
          onChange={setPeriod}
        />
        <View className='report-editor__buttons'>
          <NcButton type='primary' block id='issue-certificate' loading={busy} onClick={() => void issue()}>
            开具证明
          </NcButton>
        </View>
      </View>
      <View className='nc-section-title'>已开具的证明</View>
      {list.status === 'loading' ? <StateView type='loading' /> : null}
      {list.status === 'success' && !items.length ? <StateView type='empty' title='还没有开具过证明' /> : null}
      <View className='report-list' id='certificates'>
        {items.map((c) => (
          <View
            key={c.number}
            className={`report-card certificate-card ${latest?.number === c.number ? 'certificate-card--new' : ''}`}
            data-number={c.number}
          >
            <View className='report-card__top'>
              <Text className='report-card__name'>{c.period.label}</Text>
              <Text className='certificate-card__hours'>{c.totalHours} 小时</Text>
            </View>
            <Text className='report-card__line certificate-card__number'>编号 {c.number}</Text>
            <Text className='report-card__line'>
              {c.issuer.name} · 开具于 {formatDateTime(c.issuedAt)} · {c.entries} 条记录
            </Text>
            <View className='served-card__actions'>
              <NcButton
                size='small'
                className='verify-certificate'
                onClick={() => go(`/packages/reports/pages/verify/index?no=${encodeURIComponent(c.number)}`)}
              >
                核验
              </NcButton>
              <NcButton size='small' type='primary' className='download-certificate' onClick={() => void download(c.number)}>
                下载 PDF
              </NcButton>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}

/** 志愿服务记录证明: issue one for a period, download the PDF, check it. */
export default function CertificatePage() {
  return (
    <SignedInPage className='certificate-page' message='登录后开具您的志愿服务记录证明'>
      {() => <Certificates />}
    </SignedInPage>
  )
}
