import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MyRegistration, Region, Registration } from '@nuancheng/shared'
import { REGISTRATION_LIMITS, REGISTRATION_STATUS_LABELS } from '@nuancheng/shared/constants'
import { Cell, CellGroup } from '../../../../components/Cell'
import { Chips, choices } from '../../../../components/Chips'
import { Field } from '../../../../components/Field'
import { TextField } from '../../../../components/TextField'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { Sheet } from '../../../../components/Sheet'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { useSheetSubmit } from '../../../../hooks/useSheetSubmit'
import { useSubmit } from '../../../../hooks/useSubmit'
import { fetchRegions } from '../../../../services/regions'
import { cancelRegistration, fetchMyRegistration, requestRegistration, withdrawRegistration } from '../../../../services/registrations'
import { formatDate } from '../../../../utils/format'
import './index.scss'

function Current({ my, onChanged }: { my: MyRegistration; onChanged: () => void }) {
  const [sheet, setSheet] = useState<{ kind: 'cancel' | 'withdraw'; registration: Registration } | null>(null)
  const [reason, setReason] = useState('')
  const { busy, error, setError, submit: send } = useSheetSubmit()

  const submit = async () => {
    if (!sheet) return
    await send(async () => {
      if (sheet.kind === 'cancel') await cancelRegistration(sheet.registration.id)
      else await withdrawRegistration(sheet.registration.id, reason.trim() || undefined)
      setSheet(null)
      Taro.showToast({ title: sheet.kind === 'cancel' ? '已撤回申请' : '已撤销报到', icon: 'success' })
      onChanged()
    })
  }

  return (
    <View>
      {my.active ? (
        <CellGroup title='当前报到'>
          <Cell
            id='current-registration'
            title={my.active.community.name}
            desc={`${my.active.street.name} · ${my.active.decidedAt ? `${formatDate(my.active.decidedAt)} 确认` : ''}`}
            value={<Text className='register__ok'>{REGISTRATION_STATUS_LABELS.confirmed}</Text>}
          />
          {my.active.actions.includes('withdraw') && !my.pending ? (
            <Cell
              id='withdraw-registration'
              title='撤销报到'
              desc='搬离后可撤销；如搬到其他社区，直接在下方申请新社区即可'
              link
              onClick={() => {
                setReason('')
                setError(null)
                setSheet({ kind: 'withdraw', registration: my.active! })
              }}
            />
          ) : null}
        </CellGroup>
      ) : null}
      {my.pending ? (
        <CellGroup title='待确认的申请'>
          <Cell
            id='pending-registration'
            title={my.pending.community.name}
            desc={`${formatDate(my.pending.requestedAt)} 提交${my.pending.replaces ? `，确认后将结束在${my.pending.replaces.community.name}的报到` : ''}`}
            value={<Text className='register__wait'>{REGISTRATION_STATUS_LABELS.pending}</Text>}
          />
          <Cell
            id='cancel-registration'
            title='撤回申请'
            link
            onClick={() => {
              setError(null)
              setSheet({ kind: 'cancel', registration: my.pending! })
            }}
          />
        </CellGroup>
      ) : null}
      {my.lastRejected && !my.pending ? (
        <View className='nc-hint' id='last-rejected'>
          <Text className='nc-danger-text'>
            {my.lastRejected.community.name}未通过您的报到申请：{my.lastRejected.rejectReason}
          </Text>
        </View>
      ) : null}
      {sheet ? (
        <Sheet
          title={
            sheet.kind === 'cancel' ? `撤回向${sheet.registration.community.name}的报到申请` : `撤销在${sheet.registration.community.name}的报到`
          }
          hint={sheet.kind === 'cancel' ? '撤回后可重新选择社区申请。' : '撤销后将不再是该社区的报到党员。'}
          confirmText={sheet.kind === 'cancel' ? '撤回申请' : '撤销报到'}
          busy={busy}
          error={error}
          onConfirm={submit}
          onClose={() => setSheet(null)}
        >
          {sheet.kind === 'withdraw' ? (
            <TextField
              label='原因（选填）'
              id='withdraw-reason'
              value={reason}
              max={REGISTRATION_LIMITS.reasonMax}
              placeholder='如：已搬离本社区'
              multiline
              onInput={setReason}
            />
          ) : null}
        </Sheet>
      ) : null}
    </View>
  )
}

function RequestForm({ my, onDone }: { my: MyRegistration; onDone: () => void }) {
  const regions = useAsync('regions', async () => {
    const [streets, communities] = await Promise.all([fetchRegions('street'), fetchRegions('community')])
    return { streets, communities }
  })
  const communities: Region[] = regions.status === 'success' ? regions.data.communities : []
  const suggested = my.suggestedCommunity && my.suggestedCommunity.id !== my.active?.community.id ? my.suggestedCommunity.id : ''
  const [communityId, setCommunityId] = useState(suggested)
  const [streetId, setStreetId] = useState('')
  const { busy, submit: send } = useSubmit()

  // Once the communities are in: open the suggested community's street.
  useEffect(() => {
    if (!streetId && communities.length) {
      const c = communities.find((x) => x.id === (communityId || my.suggestedCommunity?.id))
      setStreetId(c?.parentId ?? regions.data?.streets[0]?.id ?? '')
    }
  }, [communities.length])

  const inStreet = useMemo(
    () => communities.filter((c) => c.parentId === streetId && c.id !== my.active?.community.id),
    [communities, streetId, my.active]
  )

  if (regions.status === 'loading') return <StateView type='loading' title='正在加载社区…' />
  if (regions.status === 'error')
    return <StateView type='error' title='社区加载失败' message={regions.error.message} actionText='重新加载' onAction={regions.reload} />

  const chosen = communities.find((c) => c.id === communityId) ?? null
  const submit = async () => {
    if (!communityId) {
      Taro.showToast({ title: '请选择要报到的社区', icon: 'none' })
      return
    }
    await send(() => requestRegistration(communityId), { toast: '已提交，等待社区确认', then: onDone })
  }

  return (
    <View id='registration-form'>
      <View className='nc-form'>
        <Field label='所在街道' required>
          <Chips id='register-street' {...choices(regions.data.streets, (s) => [s.id, s.name])} value={streetId} onChange={setStreetId} />
        </Field>
        <Field label='居住社区' required hint={my.suggestedCommunity ? `党员名单登记的居住社区：${my.suggestedCommunity.name}` : undefined}>
          {inStreet.length ? (
            <Chips id='register-community' {...choices(inStreet, (c) => [c.id, c.name])} value={communityId} onChange={setCommunityId} />
          ) : (
            <Text className='nc-field__hint'>该街道下没有可选的社区</Text>
          )}
        </Field>
      </View>
      <View className='nc-actions'>
        <NcButton type='primary' block id='submit-registration' loading={busy} onClick={submit}>
          {chosen ? `${my.active ? '申请转到' : '申请到'}${chosen.name}报到` : '申请报到'}
        </NcButton>
      </View>
      <View className='nc-hint'>社区工作者核实后确认报到{my.active ? `；确认后，您在${my.active.community.name}的报到将自动结束` : ''}。</View>
    </View>
  )
}

function Register() {
  const my = useAsync('my-registration', fetchMyRegistration)
  if (my.status === 'loading') return <StateView type='loading' />
  if (my.status === 'error') return <StateView type='error' title='加载失败' message={my.error.message} actionText='重新加载' onAction={my.reload} />
  return (
    <View>
      <Current my={my.data} onChanged={my.reload} />
      {my.data.pending ? null : (
        <View>
          <View className='nc-section-title'>{my.data.active ? '更换报到社区' : '向居住社区报到'}</View>
          <RequestForm my={my.data} onDone={my.reload} />
        </View>
      )}
    </View>
  )
}

/** 党员报到: ask to register with the community where I live, see the request, change or end my registration. */
export default function RegisterPage() {
  return (
    <SignedInPage className='register'>
      {(me) => (me.member ? <Register /> : <StateView type='empty' title='尚未登记为在职党员' message='请联系所在党支部将您录入党员名单' />)}
    </SignedInPage>
  )
}
