import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Cell, CellGroup } from '../../../../components/Cell'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchPost, takePost } from '../../../../services/posts'
import { go } from '../../../../utils/navigation'
import './index.scss'

function Detail({ id }: { id: string }) {
  const post = useAsync(`post-${id}`, () => fetchPost(id))
  useReshow(post.reload)
  if (post.status === 'loading') return <StateView type='loading' />
  if (post.status === 'error')
    return <StateView type='error' title='加载失败' message={post.error.message} actionText='重新加载' onAction={post.reload} />
  const p = post.data

  const take = async () => {
    const { confirm } = await Taro.showModal({ title: `认领${p.name}`, content: '认岗期限一年，在岗期间请登记值守记录。', confirmColor: '#c8161d' })
    if (!confirm) return
    try {
      await takePost(p.id)
      Taro.showToast({ title: '认岗成功', icon: 'success' })
      post.reload()
    } catch {
      // request() showed the server's message.
    }
  }

  return (
    <View id='post-detail' data-id={p.id}>
      <View className='svc-card'>
        <View className='svc-card__head'>
          <Text className='svc-card__title' id='post-name'>
            {p.name}
          </Text>
          <Text className={`svc-places ${p.taken >= p.places ? 'svc-places--full' : ''}`} id='post-places'>
            已认岗 {p.taken}/{p.places}
          </Text>
        </View>
        <Text className='svc-card__line'>
          {p.street.name} · {p.community.name} · 计入“{p.category}”
        </Text>
        <Text className='svc-card__note'>{p.description}</Text>
      </View>
      <CellGroup title={`在岗党员（${p.holders.length}）`}>
        {p.holders.length ? (
          p.holders.map((h) => (
            <Cell
              key={h.holdingId}
              className='post-holder'
              title={h.name}
              desc={`${h.unit ?? ''}${h.assignedBy ? ` · ${h.assignedBy}认岗` : ''} · ${h.startsOn} 至 ${h.endsOn}`}
            />
          ))
        ) : (
          <Cell title='暂无党员认岗' />
        )}
      </CellGroup>
      <View className='nc-actions'>
        {p.myHoldingId ? (
          <NcButton type='primary' block id='go-my-post' onClick={() => go('/packages/posts/pages/mine/index')}>
            我的岗位与值守
          </NcButton>
        ) : null}
        {p.actions.includes('take') ? (
          <NcButton type='primary' block id='detail-take' onClick={() => void take()}>
            认岗
          </NcButton>
        ) : null}
        {p.actions.includes('edit') ? (
          <NcButton block id='detail-edit' onClick={() => go(`/packages/posts/pages/edit/index?id=${encodeURIComponent(p.id)}`)}>
            修改岗位
          </NcButton>
        ) : null}
      </View>
    </View>
  )
}

/** 岗位详情: description, places and the members holding it (names in full for the community's staff). */
export default function PostDetailPage() {
  const { params } = useRouter()
  return (
    <SignedInPage className='post-detail'>
      {() => (params.id ? <Detail id={params.id} /> : <StateView type='empty' title='没有找到这个岗位' />)}
    </SignedInPage>
  )
}
