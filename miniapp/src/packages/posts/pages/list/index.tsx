import { useMemo, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { Me, Member, ServicePost } from '@nuancheng/shared'
import { ErrorCode } from '@nuancheng/shared/constants'
import { Chips, choices } from '../../../../components/Chips'
import { Field } from '../../../../components/Field'
import { PagedListView } from '../../../../components/PagedListView'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { Sheet } from '../../../../components/Sheet'
import { useAsync } from '../../../../hooks/useAsync'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { useSheetSubmit } from '../../../../hooks/useSheetSubmit'
import { fetchPosts, fetchUnitMembers, takePost } from '../../../../services/posts'
import { fetchRegions } from '../../../../services/regions'
import { fetchMyRegistration } from '../../../../services/registrations'
import { hasErrorCode } from '../../../../services/request'
import { go } from '../../../../utils/navigation'
import { PostCard } from '../../components/PostCard'
import './index.scss'

/** The org admin's units (or party committees) and, once one is chosen, its members. */
function UnitMemberPicker({ me, value, onChange }: { me: Me; value: string; onChange: (memberId: string) => void }) {
  const units = me.roles.filter((r) => r.role === 'org_admin' && r.scopeId)
  const [unitId, setUnitId] = useState(units[0]?.scopeId ?? '')
  const members = useAsync(unitId ? `unit-members-${unitId}` : null, () => fetchUnitMembers(unitId))
  const signedUp: Member[] = members.status === 'success' ? members.data.items.filter((m) => m.signedUp) : []
  return (
    <View>
      {units.length > 1 ? (
        <Field label='单位' required>
          <Chips {...choices(units, (u) => [u.scopeId!, u.scopeName ?? '单位'])} value={unitId} onChange={setUnitId} />
        </Field>
      ) : null}
      <Field label='为哪位党员认岗' required hint='只列出已登录小程序的党员'>
        {members.status === 'loading' ? (
          <Text className='nc-field__hint'>正在加载党员名单…</Text>
        ) : signedUp.length ? (
          <Chips id='take-member' {...choices(signedUp, (m) => [m.id, m.name])} value={value} onChange={onChange} />
        ) : (
          <Text className='nc-field__hint'>本单位暂无可选的党员</Text>
        )}
      </Field>
    </View>
  )
}

function Posts({ me }: { me: Me }) {
  const { params } = useRouter()
  const staffCommunity = me.roles.find((r) => r.role === 'community_staff' && r.scopeId)
  const registration = useAsync(me.member && !params.communityId ? 'my-registration' : null, fetchMyRegistration)
  const communities = useAsync('communities', () => fetchRegions('community'))
  const [picked, setPicked] = useState<string | null>(params.communityId ?? null)
  // Which community: the one asked for, else mine as staff, else the one I am registered with; 全部 otherwise.
  const fallback = staffCommunity?.scopeId ?? (registration.status === 'success' ? (registration.data.active?.community.id ?? '') : '')
  const waiting = !picked && !staffCommunity && !!me.member && registration.status === 'loading'
  const communityId = picked ?? fallback
  const list = usePagedList(waiting ? null : `posts-${communityId}`, (page) => fetchPosts({ communityId: communityId || undefined, page }))
  useReshow(list.reload)

  const names = useMemo(() => (communities.status === 'success' ? communities.data : []), [communities.status, communities.data])
  const index = Math.max(0, names.findIndex((c) => c.id === communityId) + 1)

  const [open, setOpen] = useState<{ post: ServicePost; action: 'take' | 'take_for_member' } | null>(null)
  const [memberId, setMemberId] = useState('')
  const { busy, error, setError, submit: send } = useSheetSubmit()

  const onAction = (post: ServicePost, action: ServicePost['actions'][number]) => {
    if (action === 'edit') return go(`/packages/posts/pages/edit/index?id=${encodeURIComponent(post.id)}`)
    setMemberId('')
    setError(null)
    setOpen({ post, action })
  }

  const submit = async () => {
    if (!open) return
    if (open.action === 'take_for_member' && !memberId) return setError('请选择党员')
    await send(
      async () => {
        await takePost(open.post.id, open.action === 'take_for_member' ? memberId : undefined)
        setOpen(null)
        Taro.showToast({ title: '认岗成功', icon: 'success' })
        list.reload()
      },
      (e) => {
        if (hasErrorCode(e, ErrorCode.PostFull)) list.reload()
      }
    )
  }

  return (
    <View>
      <View className='nc-form' style={{ paddingBottom: '8px' }}>
        <Field label='社区'>
          <Picker
            mode='selector'
            range={['全部社区', ...names.map((c) => c.name)]}
            value={index}
            onChange={(e) => setPicked(names[Number(e.detail.value) - 1]?.id ?? '')}
          >
            <View className='nc-picker' id='posts-community'>
              {index > 0 ? names[index - 1].name : (params.name ?? '全部社区')}
            </View>
          </Picker>
        </Field>
      </View>
      {staffCommunity ? (
        <View className='nc-actions' style={{ paddingTop: '16px' }}>
          <NcButton
            type='primary'
            block
            id='publish-post'
            onClick={() => go(`/packages/posts/pages/edit/index?communityId=${encodeURIComponent(communityId || staffCommunity.scopeId!)}`)}
          >
            发布服务岗位
          </NcButton>
        </View>
      ) : null}
      <PagedListView
        list={list}
        loading='正在加载岗位…'
        empty={{ title: '暂无服务岗位', message: '社区发布的党员服务岗位会出现在这里' }}
        className='svc-list'
        id='post-list'
        head={
          me.member && !list.items.some((p) => p.actions.includes('take')) && !list.items.some((p) => p.myHoldingId) ? (
            <View className='nc-hint'>向该社区报到并经确认后可认岗；一名党员同时认领一个岗位</View>
          ) : null
        }
      >
        {(p) => <PostCard key={p.id} p={p} onAction={(a) => onAction(p, a)} />}
      </PagedListView>
      {open ? (
        <Sheet
          title={`${open.action === 'take' ? '认岗' : '为本单位党员认岗'} · ${open.post.community.name}${open.post.name}`}
          hint='认岗期限一年。在岗期间登记值守记录，社区确认后计入服务时长。'
          confirmText='确认认岗'
          busy={busy}
          error={error}
          onConfirm={submit}
          onClose={() => setOpen(null)}
        >
          {open.action === 'take_for_member' ? <UnitMemberPicker me={me} value={memberId} onChange={setMemberId} /> : null}
        </Sheet>
      ) : null}
    </View>
  )
}

/** 党员服务岗位: a community's standing posts; members take one (认岗), units for their members, staff publish and edit. */
export default function PostListPage() {
  return <SignedInPage className='posts'>{(me) => <Posts me={me} />}</SignedInPage>
}
