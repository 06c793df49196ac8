import { useEffect } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { Me, ServicePostType } from '@nuancheng/shared'
import { POST_LIMITS, SERVICE_POST_TYPES } from '@nuancheng/shared/constants'
import { Chips, choices } from '../../../../components/Chips'
import { Field } from '../../../../components/Field'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { TextField } from '../../../../components/TextField'
import { useAsync } from '../../../../hooks/useAsync'
import { useFormFields } from '../../../../hooks/useFormFields'
import { useSubmit } from '../../../../hooks/useSubmit'
import { fetchPost, publishPost, updatePost } from '../../../../services/posts'
import { postFormError } from '../../../../utils/members-posts'
import './index.scss'

function PostForm({ me, id, communityId }: { me: Me; id?: string; communityId?: string }) {
  const scopes = me.roles.filter((r) => r.role === 'community_staff' && r.scopeId)
  const existing = useAsync(id ? `post-${id}` : null, () => fetchPost(id!))
  const { v, setV, set, errorOf, check, bind } = useFormFields({
    communityId: communityId ?? (scopes.length === 1 ? scopes[0].scopeId! : ''),
    type: '' as ServicePostType | '',
    name: '',
    description: '',
    places: '3'
  })
  const { busy, submit: send } = useSubmit()

  useEffect(() => {
    if (existing.status === 'success') {
      const p = existing.data
      setV({ communityId: p.community.id, type: p.type, name: p.name, description: p.description, places: String(p.places) })
    }
  }, [existing.status]) // the loaded post fills the form once

  if (!scopes.length) return <StateView type='empty' title='无法发布' message='服务岗位由社区工作者在本社区发布' />
  if (id && existing.status === 'loading') return <StateView type='loading' />
  if (id && existing.status === 'error')
    return <StateView type='error' title='加载失败' message={existing.error.message} actionText='重新加载' onAction={existing.reload} />

  const submit = async () => {
    if (!check(postFormError(v))) return
    const name = v.name.trim()
    const description = v.description.trim()
    const places = Number(v.places.trim())
    // The server refuses places below those taken; request() shows its message.
    await send(
      () =>
        id
          ? updatePost(id, { name: name || v.type, description, places })
          : publishPost({ communityId: v.communityId, type: v.type as ServicePostType, ...(name ? { name } : {}), description, places }),
      { toast: id ? '已保存' : '已发布' }
    )
  }

  return (
    <View id='post-form'>
      <View className='nc-form'>
        {!id && scopes.length > 1 ? (
          <Field label='社区' required error={errorOf('communityId')}>
            <Chips {...choices(scopes, (s) => [s.scopeId!, s.scopeName ?? '社区'])} value={v.communityId} onChange={(c) => set('communityId', c)} />
          </Field>
        ) : null}
        <Field label='岗位类型' required error={errorOf('type')} hint={id ? '类型发布后不能修改' : undefined}>
          <Chips id='post-type' options={SERVICE_POST_TYPES} value={v.type} onChange={(t) => !id && set('type', t)} />
        </Field>
        <TextField
          label='岗位名称（选填）'
          hint='不填则与类型相同'
          id='post-name-input'
          max={POST_LIMITS.nameMax}
          placeholder={v.type || '如：政策宣传岗'}
          {...bind('name')}
        />
        <TextField
          label='岗位职责'
          required
          id='post-description'
          max={POST_LIMITS.descriptionMax}
          placeholder='做什么、在哪里、多久一次'
          multiline
          {...bind('description')}
        />
        <TextField
          label='名额'
          required
          hint={`${POST_LIMITS.placesMin}–${POST_LIMITS.placesMax} 人；修改时不能少于已认岗人数`}
          id='post-places-input'
          type='number'
          {...bind('places')}
        />
      </View>
      <View className='nc-actions'>
        <NcButton type='primary' block id='submit-post' loading={busy} onClick={submit}>
          {id ? '保存' : '发布'}
        </NcButton>
      </View>
    </View>
  )
}

/** 发布 / 修改服务岗位 (community staff). */
export default function PostEditPage() {
  const { params } = useRouter()
  useEffect(() => {
    if (params.id) void Taro.setNavigationBarTitle({ title: '修改服务岗位' })
  }, [params.id])
  return <SignedInPage className='post-edit'>{(me) => <PostForm me={me} id={params.id} communityId={params.communityId} />}</SignedInPage>
}
