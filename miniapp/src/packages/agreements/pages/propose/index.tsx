import { useMemo, useState } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { Agreement, Me, Region } from '@nuancheng/shared'
import { AGREEMENT_LIMITS, COMMITMENT_CATEGORIES, COMMITMENT_UNIT_SUGGESTIONS } from '@nuancheng/shared/constants'
import { Chips, choices } from '../../../../components/Chips'
import { Field } from '../../../../components/Field'
import { TextField } from '../../../../components/TextField'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { textBinder } from '../../../../hooks/useFormFields'
import { useSubmit } from '../../../../hooks/useSubmit'
import { fetchAgreement, proposeAgreement, reproposeAgreement } from '../../../../services/agreements'
import { fetchRegions } from '../../../../services/regions'
import {
  agreementFormError,
  beijingToday,
  emptyCommitment,
  proposerScopes,
  toTerms,
  type AgreementDraft,
  type CommitmentDraft
} from '../../../../utils/agreements'
import { safeDecode } from '../../../../utils/community-code'
import { agreementUrl } from '../../../../utils/navigation'
import { beijingDay } from '../../../../utils/format'
import './index.scss'

const STREET_ITSELF = 'street'
/** Up to this many streets are chips (one tap); more get a picker. */
const CHIP_LIMIT = 8
const addYearsMinusDay = (date: string, years: number) => {
  // Beijing midnight of the day `years` on, less a day: the Beijing day before it.
  return beijingDay(new Date(Date.parse(`${Number(date.slice(0, 4)) + years}${date.slice(4)}T00:00:00+08:00`) - 24 * 3600 * 1000))
}

function blankDraft(): AgreementDraft {
  const today = beijingToday()
  return { startDate: today, endDate: addYearsMinusDay(today, 2), contactName: '', contactPhone: '', note: '', commitments: [emptyCommitment()] }
}

function draftOf(a: Agreement): AgreementDraft {
  return {
    startDate: a.startDate,
    endDate: a.endDate,
    contactName: a.contact.name,
    contactPhone: a.contact.phone,
    note: a.note ?? '',
    commitments: a.commitments.map((c) => ({ category: c.category, description: c.description, quantity: String(c.quantity), unit: c.unit }))
  }
}

function CommitmentEditor({
  index,
  value,
  error,
  onChange,
  onRemove
}: {
  index: number
  value: CommitmentDraft
  error: string | null
  onChange: (v: CommitmentDraft) => void
  onRemove: (() => void) | null
}) {
  const set = (key: keyof CommitmentDraft, v: string) => onChange({ ...value, [key]: v })
  return (
    <View className='agr-editor commitment-editor' id={`commitment-${index}`}>
      <View className='agr-editor__head'>
        <Text>第 {index + 1} 项</Text>
        {onRemove ? (
          <NcButton size='small' className='commitment-remove' onClick={onRemove}>
            删除
          </NcButton>
        ) : null}
      </View>
      <View className='commitment-category'>
        <Chips options={COMMITMENT_CATEGORIES} value={value.category} onChange={(c) => set('category', c)} />
      </View>
      <View className='agr-editor__row'>
        <Input
          className='nc-input commitment-description'
          value={value.description}
          maxlength={AGREEMENT_LIMITS.descriptionMax}
          placeholder='承诺内容，如：小区补植苗木'
          onInput={(e) => set('description', e.detail.value)}
        />
      </View>
      <View className='agr-editor__row'>
        <Input
          className='nc-input commitment-quantity'
          type='number'
          value={value.quantity}
          maxlength={7}
          placeholder='数量'
          onInput={(e) => set('quantity', e.detail.value)}
        />
        <Input
          className='nc-input commitment-unit'
          value={value.unit}
          maxlength={AGREEMENT_LIMITS.unitMax}
          placeholder='单位，如 株'
          onInput={(e) => set('unit', e.detail.value)}
        />
      </View>
      <View className='commitment-unit-suggestions' style={{ marginTop: '16px' }}>
        <Chips options={COMMITMENT_UNIT_SUGGESTIONS} value={value.unit} onChange={(u) => set('unit', u)} />
      </View>
      {error ? <Text className='agr-editor__error'>{error}</Text> : null}
    </View>
  )
}

function AgreementForm({ me, existing, streets, communities }: { me: Me; existing: Agreement | null; streets: Region[]; communities: Region[] }) {
  const units = proposerScopes(me.roles)
  const [unitId, setUnitId] = useState(units.length === 1 ? units[0].scopeId! : '')
  const [streetIndex, setStreetIndex] = useState(-1)
  const [target, setTarget] = useState<string>(STREET_ITSELF)
  const [v, setV] = useState<AgreementDraft>(() => (existing ? draftOf(existing) : blankDraft()))
  const [error, setError] = useState<{ field: string; message: string } | null>(null)
  const { busy, submit: send } = useSubmit()
  const street = streetIndex >= 0 ? streets[streetIndex] : null
  const inStreet = useMemo(() => (street ? communities.filter((c) => c.parentId === street.id) : []), [street, communities])

  if (!existing && units.length === 0) {
    return <StateView type='empty' title='无法拟定' message='共建协议由机关单位的党组织管理员拟定' />
  }

  const set = <K extends keyof AgreementDraft>(key: K, value: AgreementDraft[K]) => {
    setV((old) => ({ ...old, [key]: value }))
    if (error?.field === key) setError(null)
  }
  const setCommitment = (i: number, c: CommitmentDraft) => {
    set(
      'commitments',
      v.commitments.map((old, j) => (j === i ? c : old))
    )
    if (error?.field === `commitment-${i}`) setError(null)
  }
  const errorOf = (field: string) => (error?.field === field ? error.message : null)
  const bind = textBinder(v, set, errorOf)
  const pickStreet = (index: number) => {
    setStreetIndex(index)
    setTarget(STREET_ITSELF)
    if (error?.field === 'region') setError(null)
  }

  const submit = async () => {
    if (!existing && !unitId) return setError({ field: 'unit', message: '请选择签约单位' })
    if (!existing && !street) return setError({ field: 'region', message: '请选择共建街道' })
    const problem = agreementFormError(v, beijingToday())
    if (problem) {
      setError(problem)
      Taro.showToast({ title: problem.message, icon: 'none' })
      return
    }
    setError(null)
    await send(
      () =>
        existing
          ? reproposeAgreement(existing.id, toTerms(v))
          : proposeAgreement({ ...toTerms(v), organisationId: unitId, regionId: target === STREET_ITSELF ? street!.id : target }),
      { toast: '已提交，等待对方会签', icon: 'none', then: (saved) => setTimeout(() => Taro.redirectTo({ url: agreementUrl(saved.id) }), 600) }
    )
  }

  return (
    <View id='agreement-form'>
      <View className='nc-form'>
        {existing ? (
          <Field label='签约双方'>
            <Text className='nc-block'>
              {existing.organisation.name} × {existing.region.name}
            </Text>
            {existing.returnReason ? <Text className='nc-danger-text nc-block'>退回原因：{existing.returnReason}</Text> : null}
          </Field>
        ) : (
          <>
            <Field label='签约单位' required error={errorOf('unit')}>
              <Chips id='agreement-unit' {...choices(units, (u) => [u.scopeId!, u.scopeName ?? '未命名单位'])} value={unitId} onChange={setUnitId} />
            </Field>
            <Field label='共建街道' required error={errorOf('region')}>
              {streets.length <= CHIP_LIMIT ? (
                <Chips
                  id='agreement-street'
                  {...choices(streets, (s) => [s.id, s.name])}
                  value={street?.id ?? ''}
                  onChange={(id) => pickStreet(streets.findIndex((s) => s.id === id))}
                />
              ) : (
                <Picker
                  mode='selector'
                  range={streets.map((s) => s.name)}
                  value={Math.max(0, streetIndex)}
                  onChange={(e) => pickStreet(Number(e.detail.value))}
                >
                  <View className={`nc-picker ${streetIndex < 0 ? 'nc-picker--placeholder' : ''}`} id='agreement-street'>
                    <Text>{street ? street.name : '请选择街道'}</Text>
                    <Text>▼</Text>
                  </View>
                </Picker>
              )}
            </Field>
            {street ? (
              <Field label='签约对象' hint='与街道签订由街道干部会签；与社区签订由该社区工作人员会签'>
                <Chips
                  id='agreement-target'
                  options={[STREET_ITSELF, ...inStreet.map((c) => c.id)]}
                  labels={{ [STREET_ITSELF]: `${street.name}（街道）`, ...Object.fromEntries(inStreet.map((c) => [c.id, c.name])) }}
                  value={target}
                  onChange={setTarget}
                />
              </Field>
            ) : null}
          </>
        )}
        <Field label='协议期限' required error={errorOf('startDate') ?? errorOf('endDate')} hint='续签请在到期后另签新协议'>
          <View style={{ display: 'flex', alignItems: 'center' }}>
            <Picker mode='date' value={v.startDate} onChange={(e) => set('startDate', e.detail.value)}>
              <View className='nc-picker' id='agreement-start'>
                <Text>{v.startDate}</Text>
              </View>
            </Picker>
            <Text style={{ margin: '0 16px', fontSize: '28px' }}>至</Text>
            <Picker mode='date' value={v.endDate} start={v.startDate} onChange={(e) => set('endDate', e.detail.value)}>
              <View className='nc-picker' id='agreement-end'>
                <Text>{v.endDate}</Text>
              </View>
            </Picker>
          </View>
        </Field>
        <TextField
          label='联系人'
          required
          id='agreement-contact-name'
          max={AGREEMENT_LIMITS.contactNameMax}
          placeholder='单位联络员姓名'
          {...bind('contactName')}
        />
        <TextField
          label='联系电话'
          required
          id='agreement-contact-phone'
          type='number'
          max={11}
          placeholder='11 位手机号'
          {...bind('contactPhone')}
        />
        <Field label='资源清单' required error={errorOf('commitments')} hint='每个类别填一项；服务记录会按类别计入“已兑现”'>
          {v.commitments.map((c, i) => (
            <CommitmentEditor
              key={i}
              index={i}
              value={c}
              error={errorOf(`commitment-${i}`)}
              onChange={(next) => setCommitment(i, next)}
              onRemove={
                v.commitments.length > 1
                  ? () =>
                      set(
                        'commitments',
                        v.commitments.filter((_, j) => j !== i)
                      )
                  : null
              }
            />
          ))}
          {v.commitments.length < AGREEMENT_LIMITS.commitmentsMax ? (
            <View style={{ marginTop: '16px' }}>
              <NcButton block id='add-commitment' onClick={() => set('commitments', [...v.commitments, emptyCommitment()])}>
                ＋ 添加一项资源
              </NcButton>
            </View>
          ) : null}
        </Field>
        <TextField
          label='补充说明（选填）'
          id='agreement-note'
          max={AGREEMENT_LIMITS.noteMax}
          placeholder='如：每季度召开一次联席会议'
          multiline
          {...bind('note')}
        />
      </View>
      <View className='nc-actions'>
        <NcButton type='primary' block id='submit-agreement' loading={busy} onClick={submit}>
          {existing ? '修改后重新提交' : '提交，等待对方会签'}
        </NcButton>
      </View>
      <View className='nc-hint'>
        <Text>协议经对方会签后生效，即完成组织报到；生效后本单位党员在该街道的服务按类别计入资源清单的兑现情况。</Text>
      </View>
    </View>
  )
}

function ProposeForm({ me, id }: { me: Me; id: string }) {
  const data = useAsync(`propose|${id}`, async () => {
    const [streets, communities, existing] = await Promise.all([
      fetchRegions('street'),
      fetchRegions('community'),
      id ? fetchAgreement(id) : Promise.resolve(null)
    ])
    return { streets, communities, existing }
  })
  if (data.status === 'loading') return <StateView type='loading' title='正在加载…' />
  if (data.status === 'error')
    return <StateView type='error' title='加载失败' message={data.error.message} actionText='重新加载' onAction={data.reload} />
  if (data.data.existing && !data.data.existing.actions.includes('repropose')) {
    return <StateView type='empty' title='不能修改' message='只有被退回的协议可以修改后重新提交' />
  }
  return <AgreementForm me={me} existing={data.data.existing} streets={data.data.streets} communities={data.data.communities} />
}

/** Propose a 共建协议 (org admin), or edit a returned one and propose it again (`id`). */
export default function ProposeAgreementPage() {
  const { params } = useRouter()
  const id = params.id ? safeDecode(params.id) : ''
  return <SignedInPage className='agreement-propose'>{(me) => <ProposeForm me={me} id={id} />}</SignedInPage>
}
