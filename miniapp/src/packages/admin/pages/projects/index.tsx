import { useMemo, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Project, ProjectStatus } from '@nuancheng/shared'
import { Chips, choices } from '../../../../components/Chips'
import { PagedListView } from '../../../../components/PagedListView'
import { NcButton } from '../../../../components/NcButton'
import { PhotoGrid } from '../../../../components/PhotoGrid'
import { PhotoPicker, type PhotoPickerState } from '../../../../components/PhotoPicker'
import { SignedInPage } from '../../../../components/RequireLogin'
import { Sheet, SheetText } from '../../../../components/Sheet'
import { StatusTag } from '../../../../components/StatusTag'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { useSheetSubmit } from '../../../../hooks/useSheetSubmit'
import { claimProject, completeProject, fetchProjects, postProjectUpdate, verifyProject } from '../../../../services/projects'
import { hasErrorCode } from '../../../../services/request'
import { formatDate, formatDateTime } from '../../../../utils/format'
import { go } from '../../../../utils/navigation'
import {
  defaultProjectQuery,
  orgAdminScopes,
  PROJECT_ACTION_LABELS,
  projectPostScopes,
  projectUpdateError,
  type ProjectAction
} from '../../../../utils/projects'
import { projectStatusLabel, projectStatusTone } from '../../../../utils/wishes'
import type { Me } from '@nuancheng/shared'
import { ErrorCode, PROJECT_LIMITS, PROJECT_STATUS_LABELS, PROJECT_STATUSES } from '@nuancheng/shared/constants'
import './index.scss'

const STATUS_FILTERS = ['all', ...PROJECT_STATUSES] as const
type StatusFilter = (typeof STATUS_FILTERS)[number]
const STATUS_FILTER_LABELS: Record<StatusFilter, string> = { all: '全部', ...PROJECT_STATUS_LABELS }

const ACTION_HINTS: Record<ProjectAction, string> = {
  claim: '由所选单位认领此项目，认领后请定期更新进展（一支部一实事）。',
  update: '填写当前进度和进展说明，可附现场照片。',
  complete: '确认项目已完成，提交街道验收。',
  verify: '确认项目已按要求完成，验收后项目办结。'
}

interface Open {
  project: Project
  action: ProjectAction
}

function ProjectCard({ p, actions, onAction }: { p: Project; actions: ProjectAction[]; onAction: (a: ProjectAction) => void }) {
  const latest = p.updates[p.updates.length - 1]
  return (
    <View className='project-card' data-id={p.id}>
      <View className='project-card__head'>
        <Text className='project-card__title'>{p.title}</Text>
        <StatusTag label={projectStatusLabel(p.status)} tone={projectStatusTone(p.status)} />
      </View>
      <Text className='project-card__line'>
        {p.region.name} · {p.location}
      </Text>
      {p.estimatedScale ? <Text className='project-card__line'>规模：{p.estimatedScale}</Text> : null}
      <Text className='project-card__line'>{p.description}</Text>
      <Text className='project-card__line'>
        {p.organisation ? `认领单位：${p.organisation.name}` : `发布于 ${formatDate(p.createdAt)}，等待单位认领`}
      </Text>
      {p.status !== 'open' ? (
        <View className='project-card__progress'>
          <View className='progress'>
            <View className='progress__bar' style={{ width: `${Math.max(0, Math.min(100, p.percent))}%` }} />
          </View>
          <Text className='project-card__percent'>{p.percent}%</Text>
        </View>
      ) : null}
      {latest ? (
        <View className='project-card__update'>
          <Text className='nc-block'>
            {formatDateTime(latest.at)} · 进度 {latest.percent}%
          </Text>
          <Text className='nc-block'>{latest.note}</Text>
          {latest.photos.length ? (
            <View style={{ marginTop: '12px' }}>
              <PhotoGrid photos={latest.photos} />
            </View>
          ) : null}
        </View>
      ) : null}
      {p.verifiedAt ? <Text className='project-card__line'>已于 {formatDate(p.verifiedAt)} 通过街道验收</Text> : null}
      {actions.length ? (
        <View className='project-card__buttons'>
          {actions.map((a) => (
            <NcButton key={a} size='small' type={a === 'update' ? 'plain' : 'primary'} className={`project-${a}`} onClick={() => onAction(a)}>
              {PROJECT_ACTION_LABELS[a]}
            </NcButton>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function Projects({ me }: { me: Me }) {
  const [status, setStatus] = useState<StatusFilter>('all')
  const base = useMemo(() => defaultProjectQuery(me.roles), [me.roles])
  const list = usePagedList(`${JSON.stringify(base)}|${status}`, (page) =>
    fetchProjects({ ...base, status: status === 'all' ? undefined : (status as ProjectStatus), page, pageSize: 20 })
  )
  const orgs = orgAdminScopes(me.roles)
  const canPost = projectPostScopes(me.roles).length > 0

  const [open, setOpen] = useState<Open | null>(null)
  const [orgId, setOrgId] = useState('')
  const [percent, setPercent] = useState('')
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<PhotoPickerState>({ ids: [], busy: false, failed: 0 })
  const { busy, error, setError, submit: send } = useSheetSubmit()
  // Back from the post form: reload. Not under an open sheet (WeChat hides the page for the photo picker).
  const sheetOpen = useRef(false)
  sheetOpen.current = open !== null
  useReshow(() => {
    if (!sheetOpen.current) list.reload()
  })

  const start = (project: Project, action: ProjectAction) => {
    setOrgId(orgs.length === 1 ? orgs[0].scopeId! : '')
    setPercent(String(project.percent ?? 0))
    setNote('')
    setPhotos({ ids: [], busy: false, failed: 0 })
    setError(null)
    setOpen({ project, action })
  }

  const submit = async () => {
    if (!open) return
    const { project, action } = open
    let run: () => Promise<unknown>
    if (action === 'claim') {
      if (!orgId) return setError('请选择认领单位')
      run = () => claimProject(project.id, orgId)
    } else if (action === 'update') {
      const problem = photos.busy
        ? '照片还在上传，请稍候'
        : photos.failed
          ? '有照片上传失败，请重试或删除'
          : projectUpdateError(percent, note, photos.ids.length)
      if (problem) return setError(problem)
      run = () => postProjectUpdate(project.id, { percent: Number(percent.trim()), note: note.trim(), photoIds: photos.ids })
    } else if (action === 'complete') {
      run = () => completeProject(project.id)
    } else {
      run = () => verifyProject(project.id)
    }
    await send(
      async () => {
        await run()
        setOpen(null)
        Taro.showToast({ title: '已提交', icon: 'success' })
        list.reload()
      },
      (e) => {
        if (hasErrorCode(e, ErrorCode.WrongState)) {
          // The project moved on meanwhile (claimed by another unit, already verified): show the list as it is now.
          setOpen(null)
          list.reload()
        }
      }
    )
  }

  return (
    <View>
      <View className='project-filters'>
        <Chips id='project-status' options={STATUS_FILTERS} labels={STATUS_FILTER_LABELS} value={status} onChange={setStatus} />
      </View>
      {canPost ? (
        <View className='nc-actions' style={{ paddingTop: '24px' }}>
          <NcButton type='primary' block id='post-project' onClick={() => go('/packages/admin/pages/project-post/index')}>
            发布民生实事
          </NcButton>
        </View>
      ) : null}
      <PagedListView list={list} empty={{ title: '暂无民生实事', message: '社区或街道发布的民生实事项目会出现在这里' }} id='project-list'>
        {(p) => <ProjectCard key={p.id} p={p} actions={p.actions} onAction={(a) => start(p, a)} />}
      </PagedListView>

      {open ? (
        <Sheet
          title={`${PROJECT_ACTION_LABELS[open.action]} · ${open.project.title}`}
          hint={ACTION_HINTS[open.action]}
          confirmText={open.action === 'update' ? '提交进展' : '确定'}
          busy={busy}
          error={error}
          onConfirm={submit}
          onClose={() => !busy && setOpen(null)}
        >
          {open.action === 'claim' ? (
            <Chips id='project-claim-unit' {...choices(orgs, (o) => [o.scopeId!, o.scopeName ?? '未命名单位'])} value={orgId} onChange={setOrgId} />
          ) : null}
          {open.action === 'update' ? (
            <View>
              <Text className='nc-field__label'>当前进度（%）</Text>
              <Input
                className='nc-input'
                id='update-percent'
                type='number'
                maxlength={3}
                value={percent}
                onInput={(e) => setPercent(e.detail.value)}
              />
              <Text className='nc-field__label' style={{ marginTop: '24px' }}>
                进展说明
              </Text>
              <SheetText id='update-note' value={note} max={PROJECT_LIMITS.updateNoteMax} placeholder='如：已完成 200 株苗木栽种' onInput={setNote} />
              <Text className='nc-field__label' style={{ marginTop: '24px' }}>
                {`现场照片（选填，最多 ${PROJECT_LIMITS.updatePhotosMax} 张）`}
              </Text>
              <PhotoPicker id='update-photos' max={PROJECT_LIMITS.updatePhotosMax} onChange={setPhotos} />
            </View>
          ) : null}
        </Sheet>
      ) : null}
    </View>
  )
}

/** 民生实事: list by status; claim (org admin), progress updates and completion (claiming unit), verification (street). */
export default function ProjectsPage() {
  return <SignedInPage className='projects'>{(me) => <Projects me={me} />}</SignedInPage>
}
