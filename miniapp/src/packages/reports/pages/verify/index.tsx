import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { verifyCertificate } from '../../../../services/reports'
import '../../reports.scss'

/**
 * Public: what a certificate's QR code opens (/verify/<number> redirects here). Anyone may check whether a
 * certificate is genuine; the name is masked.
 */
export default function VerifyPage() {
  const { params } = useRouter()
  const number = params.no ? decodeURIComponent(params.no) : ''
  const result = useAsync(number || null, () => verifyCertificate(number))
  if (!number) return <StateView type='error' title='链接有误' message='缺少证明编号，请重新扫描证明上的二维码' />
  if (result.status === 'loading') return <StateView type='loading' title='正在核验…' />
  if (result.status === 'error')
    return <StateView type='error' title='核验失败' message={result.error.message} actionText='重试' onAction={result.reload} />
  const { data } = result
  const c = data.certificate
  return (
    <View className='nc-page verify-page'>
      <View className={`nc-card verify-result verify-result--${data.genuine ? 'ok' : 'bad'}`} id='verify-result'>
        <Text className='verify-result__mark'>{data.genuine ? '✓' : '✗'}</Text>
        <Text className='verify-result__title' id='verify-verdict'>
          {data.genuine ? '真实有效' : '未通过核验'}
        </Text>
        <Text className='verify-result__message'>{data.message}</Text>
      </View>
      <View className='nc-card verify-details'>
        <Text className='verify-details__row'>证明编号：{data.number}</Text>
        {c ? (
          <View>
            <Text className='verify-details__row'>志愿者：{c.nameMasked}</Text>
            <Text className='verify-details__row'>所在党支部：{c.branch}</Text>
            {c.unit ? <Text className='verify-details__row'>工作单位：{c.unit}</Text> : null}
            <Text className='verify-details__row'>服务时段：{c.period}</Text>
            <Text className='verify-details__row' id='verify-hours'>
              累计服务时长：{c.totalHours} 小时（{c.entries} 条记录）
            </Text>
            <Text className='verify-details__row'>出具单位：{c.issuer}</Text>
            <Text className='verify-details__row'>出具日期：{c.issuedAt}</Text>
            <Text className='verify-details__row'>校验码：{c.checkCode}</Text>
            <Text className='verify-details__hint'>请核对纸质或电子证明上的编号、时长和校验码与本页一致。</Text>
          </View>
        ) : (
          <Text className='verify-details__hint'>请确认编号与证明上印制的一致；如有疑问，请联系证明上的出具单位。</Text>
        )}
      </View>
    </View>
  )
}
