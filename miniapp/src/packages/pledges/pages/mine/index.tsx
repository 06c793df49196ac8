import { View } from '@tarojs/components'
import type { Me } from '@nuancheng/shared'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchMyPledges } from '../../../../services/pledges'
import { go } from '../../../../utils/navigation'
import { PledgeCard } from '../../components'
import './index.scss'

function MyPledges({ me }: { me: Me }) {
  const mine = useAsync(me.member ? me.id : null, fetchMyPledges)
  useReshow(mine.reload)
  if (!me.member) return <StateView type='empty' title='尚未登记为在职党员' message='请联系所在党支部将您录入党员名单' />
  if (mine.status === 'loading') return <StateView type='loading' title='正在加载…' />
  if (mine.status === 'error')
    return <StateView type='error' title='加载失败' message={mine.error.message} actionText='重新加载' onAction={mine.reload} />
  const { year, items, residenceCommunity } = mine.data
  const current = items.find((p) => p.year === year)
  const others = items.filter((p) => p !== current)
  return (
    <View>
      <View className='nc-section-title'>{year} 年承诺</View>
      {current ? (
        <View id='my-pledge'>
          <PledgeCard p={current} />
        </View>
      ) : residenceCommunity ? (
        <View>
          <View className='nc-hint'>
            一党员一践诺：每名党员每年作出一项公开承诺，经党支部审核后在您的居住社区（{residenceCommunity.name}
            ）公示，年底前践诺，由党支部和社区评诺。
          </View>
          <View className='nc-actions'>
            <NcButton type='primary' block id='make-pledge' onClick={() => go('/packages/pledges/pages/form/index')}>
              作出 {year} 年承诺
            </NcButton>
          </View>
        </View>
      ) : (
        <StateView type='empty' title='请先向居住社区报到' message='承诺将在您的居住社区公示，报到后即可作出承诺' />
      )}
      {others.length ? (
        <View>
          <View className='nc-section-title'>其他年度</View>
          {others.map((p) => (
            <PledgeCard key={p.id} p={p} />
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** 我的践诺: this year's pledge (or the button to make it) and earlier years'. */
export default function MyPledgesPage() {
  return <SignedInPage className='my-pledges'>{(me) => <MyPledges me={me} />}</SignedInPage>
}
