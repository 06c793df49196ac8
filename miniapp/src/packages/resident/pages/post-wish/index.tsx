import { useState } from 'react'
import { Switch, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { Me } from '@nuancheng/shared'
import { HARDSHIP_CATEGORIES, WISH_CATEGORIES, WISH_CONSENT_VERSION, WISH_LIMITS } from '@nuancheng/shared/constants'
import { Check, Chips } from '../../../../components/Chips'
import { Field } from '../../../../components/Field'
import { TextField } from '../../../../components/TextField'
import { NcButton } from '../../../../components/NcButton'
import { PhotoPicker, type PhotoPickerState } from '../../../../components/PhotoPicker'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { textBinder } from '../../../../hooks/useFormFields'
import { fetchCommunity } from '../../../../services/communities'
import { isApiRequestError } from '../../../../services/request'
import { postWish } from '../../../../services/wishes'
import { parseCommunityCode, safeDecode } from '../../../../utils/community-code'
import { wishUrl } from '../../../../utils/navigation'
import { emptyWishForm, toCreateWish, wishFormErrors, type FieldError, type WishFormValues } from '../../../../utils/wish-form'
import { WISH_CONSENT_TEXT } from '../../../../utils/wishes'
import './index.scss'

const RULES_URL = '/packages/resident/pages/rules/index'
/** The fields in the order the form shows them (errors are listed and scrolled to in this order). */
const FIELD_ORDER: (keyof WishFormValues)[] = [
  'communityId',
  'title',
  'description',
  'category',
  'value',
  'photoIds',
  'beneficiaryName',
  'contactPhone',
  'contactRelation',
  'deliveryAddress',
  'hardshipCategory',
  'beneficiaryUnder14',
  'guardianName',
  'guardianConsent',
  'sensitiveConsent'
]

/** Each field's row is `#field-<name>` (guardian consent sits in the guardian's row). */
const fieldAnchor = (field: keyof WishFormValues) => `field-${field === 'guardianConsent' ? 'guardianName' : field}`

/** Brings a field's row into view after its error is drawn. */
function scrollToField(field: keyof WishFormValues) {
  const id = fieldAnchor(field)
  setTimeout(() => {
    if (process.env.TARO_ENV === 'h5') document.getElementById(id)?.scrollIntoView({ block: 'center', behavior: 'smooth' })
    else void Taro.pageScrollTo({ selector: `#${id}`, duration: 300, offsetTop: -80 }).catch(() => undefined)
  }, 50)
}

function WishForm({ me, communityId, onBehalf }: { me: Me; communityId: string; onBehalf: boolean }) {
  const [v, setV] = useState<WishFormValues>(() => emptyWishForm(communityId, onBehalf))
  const [photos, setPhotos] = useState<PhotoPickerState>({ ids: [], busy: false, failed: 0 })
  const [errors, setErrors] = useState<FieldError[]>([])
  const [busy, setBusy] = useState(false)

  const set = <K extends keyof WishFormValues>(key: K, value: WishFormValues[K]) => {
    setV((old) => ({ ...old, [key]: value }))
    setErrors((old) => (old.some((e) => e.field === key) ? old.filter((e) => e.field !== key) : old))
  }
  const errorOf = (field: keyof WishFormValues) => errors.find((e) => e.field === field)?.message ?? null
  const text = textBinder(v, set, errorOf)
  /** A text field of the form; its row's id (field-…) is what a failed check scrolls to. */
  const bind = (key: Parameters<typeof text>[0]) => ({ fieldId: `field-${key}`, ...text(key) })

  const submit = async () => {
    if (busy) return
    if (photos.busy) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' })
      return
    }
    if (photos.failed) {
      Taro.showToast({ title: '有照片上传失败，请点击重试或删除', icon: 'none' })
      return
    }
    const values = { ...v, photoIds: photos.ids }
    const problems = wishFormErrors(values)
    if (!onBehalf && !values.contactPhone.trim() && !me.phoneMasked && !problems.some((p) => p.field === 'contactPhone')) {
      problems.push({ field: 'contactPhone', message: '请填写联系电话，或先在“我的”页面绑定手机号' })
      problems.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field))
    }
    if (problems.length) {
      // Every wrong field is marked at once (its message under it); the page scrolls to the first.
      setErrors(problems)
      Taro.showToast({ title: problems.length > 1 ? `有 ${problems.length} 项需要修改` : problems[0].message, icon: 'none' })
      scrollToField(problems[0].field)
      return
    }
    setErrors([])
    setBusy(true)
    try {
      const wish = await postWish(toCreateWish(values))
      Taro.showToast({ title: '已提交，等待社区审核', icon: 'none' })
      Taro.redirectTo({ url: wishUrl(wish.id) })
    } catch (e) {
      // request() has toasted the server's message; point at the field when the server names one.
      const detail = isApiRequestError(e) ? e.details?.[0] : undefined
      if (detail?.path) {
        const field = String(detail.path).split('.')[0] as keyof WishFormValues
        setErrors([{ field, message: detail.message }])
        scrollToField(field)
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View id='wish-form'>
      <View className='nc-section-title'>心愿内容</View>
      <View className='nc-form'>
        <TextField label='心愿标题' required id='wish-title' max={WISH_LIMITS.titleMax} placeholder='如：想要一台电风扇' {...bind('title')} />
        <TextField
          label='心愿描述'
          required
          hint='说明需要什么、为什么需要，便于党员准备'
          id='wish-description'
          max={WISH_LIMITS.descriptionMax}
          placeholder='如：家中老人行动不便，夏天屋里很热，想要一台落地扇'
          multiline
          {...bind('description')}
        />
        <Field id='field-category' label='心愿类别' required error={errorOf('category')}>
          <Chips id='wish-category' options={WISH_CATEGORIES} value={v.category} onChange={(c) => set('category', c)} />
        </Field>
        <TextField
          label='估价（元）'
          required
          hint={`微心愿一般不超过 ${WISH_LIMITS.valueMaxYuan} 元`}
          id='wish-value'
          type='number'
          max={4}
          placeholder='如：150'
          {...bind('value')}
        />
        <Field
          id='field-photoIds'
          label={`照片（选填，最多 ${WISH_LIMITS.photosMax} 张）`}
          error={errorOf('photoIds')}
          hint='照片会公开展示，请避免拍到人脸、门牌等信息'
        >
          <PhotoPicker id='wish-photos' max={WISH_LIMITS.photosMax} onChange={setPhotos} />
        </Field>
      </View>

      <View className='nc-section-title'>受助人信息（仅社区和认领人可见）</View>
      <View className='nc-form'>
        <TextField
          label='受助人姓名'
          required
          hint='心愿墙只显示姓氏，如：王**'
          id='beneficiary-name'
          max={WISH_LIMITS.beneficiaryNameMax}
          placeholder='真实姓名'
          {...bind('beneficiaryName')}
        />
        <TextField
          label='联系电话'
          required={onBehalf || !me.phoneMasked}
          hint={
            onBehalf
              ? '受助人的手机号、带区号的固定电话（如 0931-8123456），或家属的手机号'
              : me.phoneMasked
                ? `留空则使用您绑定的手机号 ${me.phoneMasked}`
                : '您还没有绑定手机号，请填写'
          }
          id='contact-phone'
          type={onBehalf ? 'text' : 'number'}
          max={onBehalf ? 13 : 11}
          placeholder={onBehalf ? '手机号或 0931-8123456' : '11 位手机号'}
          {...bind('contactPhone')}
        />
        {onBehalf ? (
          <TextField
            label='电话是谁的（选填）'
            hint='家属的电话请写明关系，如：女儿；受助人本人或家中座机留空'
            id='contact-relation'
            max={WISH_LIMITS.relationMax}
            placeholder='如：女儿'
            {...bind('contactRelation')}
          />
        ) : null}
        {onBehalf ? (
          <TextField
            label='送达地址（选填）'
            hint='加密保存，仅认领人和本社区工作人员可见，其他人只看到开头几个字'
            id='delivery-address'
            max={WISH_LIMITS.addressMax}
            placeholder='如：幸福小区 3 号楼 2 单元 401'
            multiline
            {...bind('deliveryAddress')}
          />
        ) : null}
        <Field id='field-hardshipCategory' label='困难类别' required error={errorOf('hardshipCategory')}>
          <Chips id='hardship-category' options={HARDSHIP_CATEGORIES} value={v.hardshipCategory} onChange={(c) => set('hardshipCategory', c)} />
        </Field>
        <Field id='field-beneficiaryUnder14' label='受助人未满 14 周岁' error={errorOf('beneficiaryUnder14')}>
          <View className='nc-switch-row'>
            <Text className='nc-field__hint'>未成年人的心愿需监护人同意</Text>
            <Switch id='under-14' checked={v.beneficiaryUnder14} color='#c8161d' onChange={(e) => set('beneficiaryUnder14', e.detail.value)} />
          </View>
        </Field>
        {v.beneficiaryUnder14 ? (
          <TextField
            label='监护人姓名'
            required
            id='guardian-name'
            max={WISH_LIMITS.guardianNameMax}
            placeholder='父母或其他监护人'
            {...bind('guardianName')}
            error={errorOf('guardianName') ?? errorOf('guardianConsent')}
          >
            <View style={{ marginTop: '12px' }}>
              <Check id='guardian-consent' checked={v.guardianConsent} onChange={(c) => set('guardianConsent', c)}>
                监护人已知悉并同意为受助人发布此心愿
              </Check>
            </View>
          </TextField>
        ) : null}
      </View>

      <View className='post-wish__consent' id='field-sensitiveConsent'>
        <Text className='post-wish__consent-text' id='consent-text'>
          {WISH_CONSENT_TEXT}（版本 {WISH_CONSENT_VERSION}）
        </Text>
        <Check id='consent-sensitive' checked={v.sensitiveConsent} onChange={(c) => set('sensitiveConsent', c)}>
          我已阅读并同意敏感个人信息处理规则
        </Check>
        <Text className='post-wish__rules-link' id='open-rules' onClick={() => Taro.navigateTo({ url: RULES_URL })}>
          查看《敏感个人信息处理规则》
        </Text>
        {errorOf('sensitiveConsent') ? <Text className='nc-field__error'>{errorOf('sensitiveConsent')}</Text> : null}
      </View>

      <View className='nc-actions'>
        <NcButton type='primary' block id='submit-wish' loading={busy} disabled={photos.busy} onClick={submit}>
          {photos.busy ? '照片上传中…' : '提交心愿'}
        </NcButton>
      </View>
      <View className='nc-hint'>提交后由社区工作人员审核，通过后发布到心愿墙；认领、圆梦等进展会通知您。</View>
    </View>
  )
}

/**
 * Post a wish to a community: `code` + `name` (+ `communityId`) from the community page, or
 * `communityId` + `name` + `onBehalf=1` from the staff workbench (代录 for a resident without a phone).
 */
export default function PostWishPage() {
  const { params } = useRouter()
  const code = parseCommunityCode({ code: params.code })
  const name = params.name ? safeDecode(params.name) : null
  const givenId = params.communityId ? safeDecode(params.communityId) : null
  const onBehalf = params.onBehalf === '1' || params.onBehalf === 'true'
  // From a link that only carries the code: look the community up for its id.
  const community = useAsync(!givenId && code ? code : null, () => fetchCommunity(code!))
  const communityId = givenId ?? (community.status === 'success' ? community.data.id : null)
  const communityName = name ?? (community.status === 'success' ? community.data.name : null)

  if (!code && !givenId) {
    return (
      <View className='nc-page post-wish'>
        <StateView
          type='empty'
          title='请先扫描社区二维码'
          message='微心愿要发给您所在的社区，请扫描社区张贴的二维码'
          actionText='去扫一扫'
          onAction={() => Taro.switchTab({ url: '/pages/index/index' })}
        />
      </View>
    )
  }

  return (
    <View className='nc-page post-wish'>
      <View className='nc-card post-wish__to'>
        <Text className='post-wish__label'>发往社区</Text>
        <Text className='post-wish__community'>{communityName ?? code}</Text>
        {code ? <Text className='post-wish__code'>社区编码 {code}</Text> : null}
        {onBehalf ? (
          <Text className='nc-tag post-wish__behalf' id='on-behalf'>
            社区代录
          </Text>
        ) : null}
      </View>
      {communityId ? (
        <RequireLogin message='登录后发布微心愿'>{(me) => <WishForm me={me} communityId={communityId} onBehalf={onBehalf} />}</RequireLogin>
      ) : community.status === 'error' ? (
        <StateView type='error' title='社区信息加载失败' message={community.error.message} actionText='重新加载' onAction={community.reload} />
      ) : (
        <StateView type='loading' title='正在打开社区…' />
      )}
    </View>
  )
}
