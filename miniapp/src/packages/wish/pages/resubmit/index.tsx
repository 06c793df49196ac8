import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { ResubmitWish, WishDetail } from '@nuancheng/shared'
import { WISH_CATEGORIES, WISH_LIMITS } from '@nuancheng/shared/constants'
import { Chips } from '../../../../components/Chips'
import { Field } from '../../../../components/Field'
import { TextField } from '../../../../components/TextField'
import { NcButton } from '../../../../components/NcButton'
import { PhotoPicker, type PhotoPickerState } from '../../../../components/PhotoPicker'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { textBinder } from '../../../../hooks/useFormFields'
import { isApiRequestError } from '../../../../services/request'
import { fetchWish, resubmitWish } from '../../../../services/wishes'
import { backOrHome } from '../../../../utils/navigation'
import { validateWishFields, type FieldError, type WishFieldValues, type WishFormValues } from '../../../../utils/wish-form'
import './index.scss'

/** The rejected wish's own words, editable; sending them starts a new review (the rejection stays on the timeline). */
function EditForm({ wish }: { wish: WishDetail }) {
  const [v, setV] = useState<Omit<WishFieldValues, 'photoIds'>>({
    title: wish.title,
    description: wish.description,
    category: wish.category,
    value: String(wish.estimatedValueYuan)
  })
  const [photos, setPhotos] = useState<PhotoPickerState>({ ids: wish.photos.map((p) => p.id), busy: false, failed: 0 })
  const [error, setError] = useState<FieldError | null>(null)
  const [busy, setBusy] = useState(false)

  const set = <K extends keyof typeof v>(key: K, value: (typeof v)[K]) => {
    setV((old) => ({ ...old, [key]: value }))
    if (error?.field === key) setError(null)
  }
  const errorOf = (field: keyof WishFormValues) => (error?.field === field ? error.message : null)
  const bind = textBinder(v, set, errorOf)

  const submit = async () => {
    if (busy) return
    if (photos.busy || photos.failed) {
      Taro.showToast({ title: photos.busy ? '照片还在上传，请稍候' : '有照片上传失败，请点击重试或删除', icon: 'none' })
      return
    }
    const values = { ...v, photoIds: photos.ids }
    const problem = validateWishFields(values)
    if (problem) {
      setError(problem)
      Taro.showToast({ title: problem.message, icon: 'none' })
      return
    }
    setBusy(true)
    try {
      await resubmitWish(wish.id, {
        title: values.title.trim(),
        description: values.description.trim(),
        category: values.category as ResubmitWish['category'],
        estimatedValueYuan: Number(values.value.trim()),
        photoIds: values.photoIds
      })
      Taro.showToast({ title: '已重新提交，等待社区审核', icon: 'none' })
      // The wish page below reloads when shown again (useReshow) and shows 待审核 with the history.
      backOrHome()
    } catch (e) {
      // request() has toasted the server's message; point at the field when the server names one.
      const detail = isApiRequestError(e) ? e.details?.[0] : undefined
      if (detail?.path) {
        const field = String(detail.path).split('.')[0]
        setError({ field: (field === 'estimatedValueYuan' ? 'value' : field) as keyof WishFormValues, message: detail.message })
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View id='resubmit-form'>
      {wish.rejectReason ? (
        <View className='nc-card wish-resubmit__reason' id='reject-reason'>
          <Text className='wish-resubmit__reason-label'>社区的驳回原因</Text>
          <Text className='wish-resubmit__reason-text'>{wish.rejectReason}</Text>
        </View>
      ) : null}
      <View className='nc-form'>
        <TextField label='心愿标题' required id='wish-title' max={WISH_LIMITS.titleMax} {...bind('title')} />
        <TextField
          label='心愿描述'
          required
          hint='按驳回原因补充或修改，便于社区审核'
          id='wish-description'
          max={WISH_LIMITS.descriptionMax}
          multiline
          {...bind('description')}
        />
        <Field label='心愿类别' required error={errorOf('category')}>
          <Chips id='wish-category' options={WISH_CATEGORIES} value={v.category} onChange={(c) => set('category', c)} />
        </Field>
        <TextField
          label='估价（元）'
          required
          hint={`微心愿一般不超过 ${WISH_LIMITS.valueMaxYuan} 元`}
          id='wish-value'
          type='number'
          max={4}
          {...bind('value')}
        />
        <Field label={`照片（选填，最多 ${WISH_LIMITS.photosMax} 张）`} error={errorOf('photoIds')} hint='照片会公开展示，请避免拍到人脸、门牌等信息'>
          <PhotoPicker id='wish-photos' max={WISH_LIMITS.photosMax} initial={wish.photos} onChange={setPhotos} />
        </Field>
      </View>
      <View className='nc-actions'>
        <NcButton type='primary' block id='resubmit-wish' loading={busy} disabled={photos.busy} onClick={submit}>
          {photos.busy ? '照片上传中…' : '重新提交审核'}
        </NcButton>
      </View>
      <View className='nc-hint'>受助人信息不变。重新提交后由社区工作人员再次审核，之前的驳回记录会保留在进展中。</View>
    </View>
  )
}

export default function ResubmitWishPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : null
  const wish = useAsync(id, () => fetchWish(id!))

  if (!id) {
    return (
      <View className='nc-page wish-resubmit'>
        <StateView type='error' title='链接有误' message='没有指定要修改的心愿' actionText='返回' onAction={backOrHome} />
      </View>
    )
  }
  return (
    <View className='nc-page wish-resubmit'>
      {wish.status === 'success' ? (
        wish.data.actions.includes('resubmit') ? (
          <EditForm wish={wish.data} />
        ) : (
          <StateView
            type='empty'
            title='这个心愿现在不能修改'
            message='只有未通过审核的心愿，发布人可以修改后重新提交'
            actionText='返回'
            onAction={backOrHome}
          />
        )
      ) : wish.status === 'error' ? (
        <StateView type='error' title='心愿加载失败' message={wish.error.message} actionText='重新加载' onAction={wish.reload} />
      ) : (
        <StateView type='loading' title='正在加载心愿…' />
      )}
    </View>
  )
}
