import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AssessmentGrade, ServedMember } from '@nuancheng/shared'
import { ASSESSMENT_GRADES, ASSESSMENT_GRADE_LABELS, REPORT_DUE_LABELS, REPORT_LIMITS } from '@nuancheng/shared/constants'
import { Chips, choices } from '../../../../components/Chips'
import { ListFooter } from '../../../../components/ListFooter'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { Sheet, SheetText } from '../../../../components/Sheet'
import { StateView } from '../../../../components/StateView'
import { StatusTag } from '../../../../components/StatusTag'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useSheetSubmit } from '../../../../hooks/useSheetSubmit'
import { assessMember, fetchServed } from '../../../../services/reports'
import { REPORT_TONES, halfYearLabel, hours, recentHalfYearKeys } from '../../../../utils/reports'
import '../../reports.scss'

function AssessSheet({
  row,
  period,
  onDone,
  onClose
}: {
  row: ServedMember
  period: string
  onDone: (r: ServedMember) => void
  onClose: () => void
}) {
  const mine = row.assessments.find((a) => a.mine)
  const [grade, setGrade] = useState<AssessmentGrade | ''>(mine?.grade ?? '')
  const [comment, setComment] = useState(mine?.comment ?? '')
  const [scopeId, setScopeId] = useState(row.assessableScopes.length === 1 ? row.assessableScopes[0].id : '')
  const { busy, error, setError, submit: send } = useSheetSubmit()
  const confirm = async () => {
    if (!grade) return setError('请选择评价等次')
    if (!scopeId) return setError('请选择以哪个街道或社区评价')
    await send(async () => {
      onDone(await assessMember({ memberId: row.member.id, period, grade, comment: comment.trim(), scopeId }))
      Taro.showToast({ title: '评价已保存', icon: 'success' })
    })
  }
  const scopes = row.assessableScopes
  return (
    <Sheet
      title={`评价 ${row.member.name}`}
      hint={`${halfYearLabel(period)}在本辖区服务 ${hours(row.minutes)}`}
      confirmText='保存评价'
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      {scopes.length > 1 ? <Chips id='assess-scope' {...choices(scopes, (s) => [s.id, s.name])} value={scopeId} onChange={setScopeId} /> : null}
      <Chips id='assess-grade' options={ASSESSMENT_GRADES} labels={ASSESSMENT_GRADE_LABELS} value={grade} onChange={setGrade} />
      <SheetText
        className='assess-comment'
        id='assess-comment'
        value={comment}
        max={REPORT_LIMITS.assessmentCommentMax}
        placeholder='评价意见（选填），如：积极参加社区活动，群众反映好'
        onInput={setComment}
      />
    </Sheet>
  )
}

function Served() {
  const periods = recentHalfYearKeys()
  const [period, setPeriod] = useState(periods[0])
  const list = usePagedList(period, (page) => fetchServed({ period, page }))
  const [open, setOpen] = useState<ServedMember | null>(null)
  const [updated, setUpdated] = useState<Record<string, ServedMember>>({})
  return (
    <View>
      <View className='nc-card served-periods'>
        <Chips id='served-period' {...choices(periods, (p) => [p, halfYearLabel(p)])} value={period} onChange={setPeriod} />
      </View>
      {list.status === 'loading' ? <StateView type='loading' /> : null}
      {list.status === 'error' ? <StateView type='error' message={list.error?.message} actionText='重新加载' onAction={list.reload} /> : null}
      {list.status === 'success' && !list.items.length ? (
        <StateView type='empty' title='本时段暂无党员在辖区服务' message='党员在本街道、社区参加活动、值守岗位、圆梦心愿后会出现在这里' />
      ) : null}
      {list.status === 'success' && list.items.length ? (
        <View>
          <View className='nc-hint'>共 {list.total} 名党员在您负责的街道、社区服务过，评价会显示在其党支部审核报告的页面上。</View>
          <View className='report-list' id='served-list'>
            {list.items.map((item) => {
              const row = updated[item.id] ?? item
              const mine = row.assessments.find((a) => a.mine)
              return (
                <View key={row.id} className='report-card served-card' data-member={row.member.name}>
                  <View className='report-card__top'>
                    <Text className='report-card__name'>{row.member.name}</Text>
                    {row.report ? (
                      <StatusTag label={`报告${row.report.statusLabel}`} tone={REPORT_TONES[row.report.status]} />
                    ) : (
                      <StatusTag label={`报告${REPORT_DUE_LABELS.missing}`} tone='gray' />
                    )}
                  </View>
                  <Text className='report-card__line'>{[row.branch?.name, row.unit?.name].filter(Boolean).join(' · ')}</Text>
                  <Text className='report-card__line'>
                    服务 {hours(row.minutes)} · {row.entries} 次 · {row.communities.map((c) => c.name).join('、')}
                  </Text>
                  <View className='report-card__assess'>
                    {row.assessments.map((a) => (
                      <Text key={a.id} className='report-card__grade'>
                        {a.scope.name}：{a.gradeLabel}
                      </Text>
                    ))}
                  </View>
                  {row.assessableScopes.length ? (
                    <View className='served-card__actions'>
                      <NcButton
                        size='small'
                        type={mine ? 'default' : 'primary'}
                        className='assess-button'
                        onClick={() => {
                          setOpen(row)
                        }}
                      >
                        {mine ? '修改评价' : '评价'}
                      </NcButton>
                    </View>
                  ) : null}
                </View>
              )
            })}
          </View>
          <ListFooter count={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={list.loadMore} />
        </View>
      ) : null}
      {open ? (
        <AssessSheet
          row={open}
          period={period}
          onClose={() => setOpen(null)}
          onDone={(r) => {
            setUpdated((u) => ({ ...u, [r.id]: r }))
            setOpen(null)
          }}
        />
      ) : null}
    </View>
  )
}

/** 服务评价: street officials and community staff assess the members who served in their communities. */
export default function ServedPage() {
  return <SignedInPage className='served-page'>{() => <Served />}</SignedInPage>
}
