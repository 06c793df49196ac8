import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { CommitmentCategory, Me } from '@nuancheng/shared'
import { COMMITMENT_CATEGORIES, PROJECT_LIMITS } from '@nuancheng/shared/constants'
import { Chips, choices } from '../../../../components/Chips'
import { Field } from '../../../../components/Field'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { TextField } from '../../../../components/TextField'
import { useFormFields } from '../../../../hooks/useFormFields'
import { useSubmit } from '../../../../hooks/useSubmit'
import { postProject } from '../../../../services/projects'
import { projectFormError, projectPostScopes } from '../../../../utils/projects'
import { roleLabel } from '../../../../utils/roles'

function ProjectForm({ me }: { me: Me }) {
  const scopes = projectPostScopes(me.roles)
  const { v, set, errorOf, check, bind } = useFormFields({
    regionId: scopes.length === 1 ? scopes[0].scopeId! : '',
    title: '',
    description: '',
    location: '',
    estimatedScale: ''
  })
  const [category, setCategory] = useState<CommitmentCategory | ''>('')
  const { busy, submit: send } = useSubmit()

  if (scopes.length === 0) {
    return <StateView type='empty' title='无法发布' message='民生实事由社区工作者或街道干部在本社区、本街道发布' />
  }

  const submit = async () => {
    if (!check(projectFormError(v))) return
    await send(
      () =>
        postProject({
          regionId: v.regionId,
          title: v.title.trim(),
          description: v.description.trim(),
          location: v.location.trim(),
          ...(v.estimatedScale.trim() ? { estimatedScale: v.estimatedScale.trim() } : {}),
          ...(category ? { category } : {})
        }),
      { toast: '已发布' }
    )
  }

  return (
    <View id='project-form'>
      <View className='nc-form'>
        <Field label='发布范围' required error={errorOf('regionId')}>
          <Chips
            id='project-region'
            {...choices(scopes, (s) => [s.scopeId!, `${s.scopeName ?? '未命名'}（${roleLabel(s.role)}）`])}
            value={v.regionId}
            onChange={(id) => set('regionId', id)}
          />
        </Field>
        <TextField label='项目名称' required id='project-title' max={PROJECT_LIMITS.titleMax} placeholder='如：康都小区绿化提升' {...bind('title')} />
        <TextField
          label='项目说明'
          required
          id='project-description'
          max={PROJECT_LIMITS.descriptionMax}
          placeholder='要做什么、为什么做、需要单位提供什么'
          multiline
          {...bind('description')}
        />
        <TextField
          label='实施地点'
          required
          id='project-location'
          max={PROJECT_LIMITS.locationMax}
          placeholder='如：康都小区中心花园'
          {...bind('location')}
        />
        <Field label='需要的资源类别（选填）' hint='与共建单位资源清单的类别一致，1+N 视图据此推荐可对接的单位'>
          <Chips id='project-category' options={COMMITMENT_CATEGORIES} value={category} onChange={(c) => setCategory(c === category ? '' : c)} />
        </Field>
        <TextField
          label='规模（选填）'
          id='project-scale'
          max={PROJECT_LIMITS.estimatedScaleMax}
          placeholder='如：约 400 株苗木'
          {...bind('estimatedScale')}
        />
      </View>
      <View className='nc-actions'>
        <NcButton type='primary' block id='submit-project' loading={busy} onClick={submit}>
          发布
        </NcButton>
      </View>
      <View className='nc-hint'>
        <Text>发布后由共建单位认领（一支部一实事），认领单位定期更新进展，完成后由街道验收。</Text>
      </View>
    </View>
  )
}

/** Post a 民生实事 for a community or street in the caller's scope. */
export default function ProjectPostPage() {
  return <SignedInPage className='project-post'>{(me) => <ProjectForm me={me} />}</SignedInPage>
}
