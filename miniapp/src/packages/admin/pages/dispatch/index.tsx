import { useState } from 'react'
import { Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Field } from '../../../../components/Field'
import { NcButton } from '../../../../components/NcButton'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { fetchOrganisations } from '../../../../services/regions'
import { dispatchWish } from '../../../../services/wishes'
import { dayAfter, endOfDayIso } from '../../../../utils/format'
import { backOrHome } from '../../../../utils/navigation'
import { safeDecode } from '../../../../utils/community-code'

function DispatchForm({ wishId }: { wishId: string }) {
  const units = useAsync('units', () => fetchOrganisations('unit'))
  const [unitIndex, setUnitIndex] = useState(-1)
  const [deadline, setDeadline] = useState(dayAfter(7))
  const [note, setNote] = useState('')
  const [error, setError] = useState<{ field: string; message: string } | null>(null)
  const [busy, setBusy] = useState(false)

  if (units.status === 'loading') return <StateView type='loading' title='正在加载单位…' />
  if (units.status === 'error')
    return <StateView type='error' title='单位列表加载失败' message={units.error.message} actionText='重新加载' onAction={units.reload} />
  if (units.data.length === 0) return <StateView type='empty' title='暂无可派单的单位' />

  const list = units.data
  const submit = async () => {
    const unit = list[unitIndex]
    const iso = endOfDayIso(deadline)
    if (!unit) return setError({ field: 'unit', message: '请选择承接单位' })
    if (!iso || new Date(iso).getTime() <= Date.now()) return setError({ field: 'deadline', message: '截止日期应晚于今天' })
    if (note.trim().length > 200) return setError({ field: 'note', message: '说明最多 200 个字' })
    setError(null)
    setBusy(true)
    try {
      await dispatchWish(wishId, { organisationId: unit.id, deadline: iso, ...(note.trim() ? { note: note.trim() } : {}) })
      Taro.showToast({ title: '已派单', icon: 'success' })
      setTimeout(backOrHome, 800)
    } catch {
      // request() has shown the server's message.
    } finally {
      setBusy(false)
    }
  }

  return (
    <View id='dispatch-form'>
      <View className='nc-form'>
        <Field label='承接单位' required error={error?.field === 'unit' ? error.message : null}>
          <Picker
            mode='selector'
            range={list.map((u) => u.name)}
            value={Math.max(0, unitIndex)}
            onChange={(e) => setUnitIndex(Number(e.detail.value))}
          >
            <View className={`nc-picker ${unitIndex < 0 ? 'nc-picker--placeholder' : ''}`} id='dispatch-unit'>
              <Text>{unitIndex >= 0 ? list[unitIndex].name : '请选择共建单位'}</Text>
              <Text>▼</Text>
            </View>
          </Picker>
        </Field>
        <Field label='答复截止日期' required error={error?.field === 'deadline' ? error.message : null} hint='单位需在截止日前答复是否承接'>
          <Picker mode='date' value={deadline} start={dayAfter(1)} onChange={(e) => setDeadline(e.detail.value)}>
            <View className='nc-picker' id='dispatch-deadline'>
              <Text>{deadline}</Text>
              <Text>▼</Text>
            </View>
          </Picker>
        </Field>
        <Field label='督办说明（选填）' error={error?.field === 'note' ? error.message : null}>
          <Textarea
            className='nc-textarea'
            id='dispatch-note'
            value={note}
            maxlength={200}
            placeholder='如：该心愿已发布 30 天无人认领，请协调承接'
            onInput={(e) => setNote(e.detail.value)}
          />
        </Field>
      </View>
      <View className='nc-actions'>
        <NcButton type='primary' block id='submit-dispatch' loading={busy} onClick={submit}>
          派单
        </NcButton>
      </View>
    </View>
  )
}

/** 派单: give an unclaimed wish to a unit with a deadline to answer. `id` and `title` of the wish in the query. */
export default function DispatchPage() {
  const { params } = useRouter()
  const id = params.id ? safeDecode(params.id) : ''
  const title = params.title ? safeDecode(params.title) : ''
  if (!id) return <StateView type='error' title='链接有误' message='没有指定要派单的心愿' actionText='返回' onAction={backOrHome} />
  return (
    <View className='nc-page dispatch'>
      <View className='nc-card'>
        <Text className='nc-cell__desc'>派单心愿</Text>
        <Text className='nc-cell__title' id='dispatch-wish-title'>
          {title || '心愿'}
        </Text>
      </View>
      <View className='nc-section-title'>派给共建单位</View>
      <RequireLogin>{() => <DispatchForm wishId={id} />}</RequireLogin>
    </View>
  )
}
