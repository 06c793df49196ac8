import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { EXPORT_KIND_LABELS, EXPORT_KINDS, EXPORT_MAX_DAYS, type ExportKind } from '@nuancheng/shared/constants'
import { Chips } from '../../../../components/Chips'
import { NcButton } from '../../../../components/NcButton'
import { RequireLogin } from '../../../../components/RequireLogin'
import { downloadExport } from '../../../../services/exports'
import { beijingDay } from '../../../../utils/format'
import './index.scss'

type Preset = 'this_half' | 'last_half' | 'this_year' | 'last_year' | 'custom'

/** A day in China time as YYYY-MM-DD. */
const cstDay = beijingDay

function presetRange(preset: Exclude<Preset, 'custom'>, now = new Date()): [string, string] {
  const today = cstDay(now)
  const year = Number(today.slice(0, 4))
  const h1 = Number(today.slice(5, 7)) <= 6
  switch (preset) {
    case 'this_half':
      return [h1 ? `${year}-01-01` : `${year}-07-01`, today]
    case 'last_half':
      return h1 ? [`${year - 1}-07-01`, `${year - 1}-12-31`] : [`${year}-01-01`, `${year}-06-30`]
    case 'this_year':
      return [`${year}-01-01`, today]
    case 'last_year':
      return [`${year - 1}-01-01`, `${year - 1}-12-31`]
  }
}

const KIND_HINTS: Record<ExportKind, string> = {
  reports: '在本辖区服务过的党员的半年报告及审核状态',
  ledger: '在本辖区记入台账的每一条服务记录',
  wishes: '本辖区提交的微心愿及认领、完成情况',
  activities: '本辖区的活动，以及每位党员的报名和签到'
}

function ExportsForm() {
  const [kind, setKind] = useState<ExportKind>('ledger')
  const [preset, setPreset] = useState<Preset>('this_year')
  const [[from, to], setRange] = useState<[string, string]>(presetRange('this_year'))
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)

  const choosePreset = (p: Preset) => {
    setPreset(p)
    if (p !== 'custom') setRange(presetRange(p))
  }

  const run = async () => {
    if (from > to) {
      Taro.showToast({ title: '开始日期不能晚于结束日期', icon: 'none' })
      return
    }
    const filename = `${EXPORT_KIND_LABELS[kind]}-${from}至${to}.xlsx`
    setBusy(true)
    setDone(null)
    try {
      await downloadExport(kind, from, to, filename)
      setDone(filename)
    } catch (e) {
      Taro.showToast({ title: (e as Error).message || '导出失败，请稍后重试', icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='nc-hint'>
        导出的表格中党员姓名只显示姓氏（王**），不含任何手机号；每次导出都记入审计日志。一次最多导出 {EXPORT_MAX_DAYS} 天。
      </View>
      <View className='nc-card exports-card'>
        <Text className='exports-card__label'>导出内容</Text>
        <Chips<ExportKind> id='export-kind' options={EXPORT_KINDS} labels={EXPORT_KIND_LABELS} value={kind} onChange={setKind} />
        <Text className='exports-card__hint'>{KIND_HINTS[kind]}</Text>
      </View>
      <View className='nc-card exports-card'>
        <Text className='exports-card__label'>时间段</Text>
        <Chips<Preset>
          id='export-period'
          options={['this_half', 'last_half', 'this_year', 'last_year', 'custom']}
          labels={{ this_half: '本半年', last_half: '上半年度', this_year: '今年', last_year: '去年', custom: '自选日期' }}
          value={preset}
          onChange={choosePreset}
        />
        <View className='exports-card__dates'>
          <Picker
            mode='date'
            value={from}
            onChange={(e) => {
              setPreset('custom')
              setRange([e.detail.value, to])
            }}
          >
            <View className='nc-picker' id='export-from' ariaRole='button' ariaLabel={`开始日期 ${from}`}>
              <Text>{from}</Text>
            </View>
          </Picker>
          <Text className='exports-card__to'>至</Text>
          <Picker
            mode='date'
            value={to}
            start={from}
            onChange={(e) => {
              setPreset('custom')
              setRange([from, e.detail.value])
            }}
          >
            <View className='nc-picker' id='export-to' ariaRole='button' ariaLabel={`结束日期 ${to}`}>
              <Text>{to}</Text>
            </View>
          </Picker>
        </View>
      </View>
      <View className='exports-actions'>
        <NcButton type='primary' block id='export-download' loading={busy} onClick={() => void run()}>
          导出 Excel 表格
        </NcButton>
      </View>
      {done ? (
        <View className='nc-card exports-done' id='export-done'>
          <Text>已导出：{done}</Text>
        </View>
      ) : null}
    </View>
  )
}

/** 数据导出 (street officials: their street; committee admins: their district or the city). */
export default function ExportsPage() {
  return (
    <View className='nc-page supervision-exports'>
      <RequireLogin>{() => <ExportsForm />}</RequireLogin>
    </View>
  )
}
