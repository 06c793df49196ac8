import { useEffect, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { Me, PledgeInput } from '@nuancheng/shared'
import { COMMITMENT_CATEGORIES, maskName, PLEDGE_LIMITS as L, PLEDGE_NAME_DISPLAY_LABELS, PLEDGE_NAME_DISPLAYS } from '@nuancheng/shared/constants'
import { Chips } from '../../../../components/Chips'
import { Field } from '../../../../components/Field'
import { TextField } from '../../../../components/TextField'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { textBinder } from '../../../../hooks/useFormFields'
import { fetchPledge, makePledge, revisePledge } from '../../../../services/pledges'
import { errorMessage } from '../../../../services/request'
import { cstToday, pledgeFormError, pledgeUrl, type PledgeForm } from '../../../../utils/pledges'
import './index.scss'

type Category = (typeof COMMITMENT_CATEGORIES)[number]
type NameDisplay = (typeof PLEDGE_NAME_DISPLAYS)[number]

function Form({ me, id }: { me: Me; id: string }) {
  const today = cstToday()
  const year = Number(today.slice(0, 4))
  const [form, setForm] = useState<PledgeForm>({ content: '', target: '', dueDate: `${year}-12-31`, category: '', nameDisplay: 'masked' })
  const [loading, setLoading] = useState(Boolean(id))
  const [error, setError] = useState<{ field: keyof PledgeForm | 'form'; message: string } | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!id) return
    fetchPledge(id).then(
      (p) => {
        setForm({ content: p.content, target: p.target, dueDate: p.dueDate, category: p.category, nameDisplay: p.nameDisplay })
        setLoading(false)
      },
      (e: unknown) => {
        setError({ field: 'form', message: errorMessage(e, '承诺加载失败') })
        setLoading(false)
      }
    )
  }, [id])

  if (!me.member) return <StateView type='empty' title='尚未登记为在职党员' message='请联系所在党支部将您录入党员名单' />
  if (loading) return <StateView type='loading' />

  const set = (patch: Partial<PledgeForm>) => setForm((f) => ({ ...f, ...patch }))
  const submit = async () => {
    const problem = pledgeFormError(form, today)
    if (problem) return setError(problem)
    setError(null)
    setBusy(true)
    const input = { ...form, content: form.content.trim(), target: form.target.trim() } as PledgeInput
    try {
      const saved = id ? await revisePledge(id, input) : await makePledge(input)
      Taro.showToast({ title: '已提交党支部审核', icon: 'success' })
      Taro.redirectTo({ url: pledgeUrl(saved.id) })
    } catch (e) {
      setError({ field: 'form', message: errorMessage(e) })
    } finally {
      setBusy(false)
    }
  }
  const fieldError = (f: keyof PledgeForm) => (error?.field === f ? error.message : null)
  const bind = textBinder(form, (key, value) => set({ [key]: value }), fieldError)
  const shown = form.nameDisplay === 'full' ? me.member.name : maskName(me.member.name)

  return (
    <View className='nc-form' id='pledge-form'>
      <TextField
        label='我承诺'
        required
        hint='如：每月为社区独居老人义务理发一次'
        id='pledge-content-input'
        max={L.contentMax}
        placeholder='写下您今年要为群众办的实事'
        multiline
        {...bind('content')}
      />
      <TextField
        label='可衡量的目标'
        required
        hint='写明次数、户数或数量，便于评诺'
        id='pledge-target-input'
        max={L.targetMax}
        placeholder='如：全年义务理发 12 次'
        {...bind('target')}
      />
      <Field label='完成期限' required error={fieldError('dueDate')}>
        <Picker mode='date' value={form.dueDate} start={today} end={`${year + 1}-12-31`} onChange={(e) => set({ dueDate: e.detail.value })}>
          <View className='nc-picker' id='pledge-due'>
            <Text>{form.dueDate}</Text>
            <Text>▼</Text>
          </View>
        </Picker>
      </Field>
      <Field label='承诺类别' required error={fieldError('category')}>
        <Chips
          id='pledge-category'
          options={COMMITMENT_CATEGORIES}
          value={form.category as Category | ''}
          onChange={(category) => set({ category })}
        />
      </Field>
      <Field label='公示时姓名显示' required error={fieldError('nameDisplay')} hint={`将公示为：${shown}`}>
        <Chips
          id='pledge-name-display'
          options={PLEDGE_NAME_DISPLAYS}
          labels={PLEDGE_NAME_DISPLAY_LABELS}
          value={form.nameDisplay as NameDisplay}
          onChange={(nameDisplay) => set({ nameDisplay })}
        />
      </Field>
      {error?.field === 'form' ? (
        <Text className='nc-sheet__error' id='pledge-form-error'>
          {error.message}
        </Text>
      ) : null}
      <View className='nc-actions'>
        <NcButton type='primary' block id='submit-pledge' loading={busy} onClick={submit}>
          {id ? '修改后提交' : '提交党支部审核'}
        </NcButton>
      </View>
    </View>
  )
}

/** Make this year's pledge, or revise a returned one (`id`). */
export default function PledgeFormPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: id ? '修改承诺' : '作出承诺' })
  }, [id])
  return <SignedInPage className='pledge-form'>{(me) => <Form me={me} id={id} />}</SignedInPage>
}
