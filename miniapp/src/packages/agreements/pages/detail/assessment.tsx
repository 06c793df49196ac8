import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AgreementAssessments, AssessmentGrade } from '@nuancheng/shared'
import { ASSESSMENT_GRADES, ASSESSMENT_GRADE_LABELS, ORG_REPORT_LIMITS } from '@nuancheng/shared/constants'
import { Chips, choices } from '../../../../components/Chips'
import { NcButton } from '../../../../components/NcButton'
import { Sheet, SheetText } from '../../../../components/Sheet'
import { useAsync } from '../../../../hooks/useAsync'
import { useSheetSubmit } from '../../../../hooks/useSheetSubmit'
import { assessAgreement, fetchAgreementAssessments } from '../../../../services/org-reports'

const thisYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear()

/**
 * 结对街道评价: the street official of the agreement's street assesses it for a year (优秀/良好/一般/较差 + comment);
 * the unit's annual report shows it beside the agreement. Shown to those who may read the assessments.
 */
export function AgreementAssessmentCard({ agreementId }: { agreementId: string }) {
  const years = [thisYear(), thisYear() - 1]
  const [year, setYear] = useState(years[0])
  const loaded = useAsync(`agreement-assessments|${agreementId}|${year}`, () => fetchAgreementAssessments(agreementId, year))
  const [updated, setUpdated] = useState<AgreementAssessments | null>(null)
  const [open, setOpen] = useState(false)
  const [grade, setGrade] = useState<AssessmentGrade | ''>('')
  const [comment, setComment] = useState('')
  const { busy, error, setError, submit: send } = useSheetSubmit()
  if (loaded.status !== 'success') return null
  const data = updated && updated.year === year ? updated : loaded.data
  const mine = data.items.find((a) => a.mine)
  const start = () => {
    setGrade(mine?.grade ?? '')
    setComment(mine?.comment ?? '')
    setError(null)
    setOpen(true)
  }
  const confirm = async () => {
    if (!grade) return setError('请选择评价等次')
    await send(async () => {
      setUpdated(await assessAgreement(agreementId, { year, grade, comment: comment.trim() }))
      setOpen(false)
      Taro.showToast({ title: '评价已保存', icon: 'success' })
    })
  }
  return (
    <View>
      <View className='nc-section-title'>结对街道评价</View>
      <View className='agr-card' id='agreement-assessments' style={{ marginTop: 0 }}>
        <Chips id='assessment-year' {...choices(years, (y) => [String(y), `${y} 年度`])} value={String(year)} onChange={(y) => setYear(Number(y))} />
        {data.items.length === 0 ? <Text className='agr-card__line'>{data.street.name}暂未评价本年度的共建情况</Text> : null}
        {data.items.map((a) => (
          <View key={a.id} className='agr-assessment' data-grade={a.grade}>
            <Text className='agr-card__line'>
              {a.street.name}：{a.gradeLabel}
            </Text>
            {a.comment ? <Text className='agr-card__line'>{a.comment}</Text> : null}
          </View>
        ))}
        {data.canAssess ? (
          <NcButton block type={mine ? 'default' : 'primary'} id='agreement-assess' onClick={start}>
            {mine ? '修改评价' : '评价共建情况'}
          </NcButton>
        ) : null}
      </View>
      {open ? (
        <Sheet
          title={`评价 ${data.unit.name}`}
          hint={`${year} 年度与${data.street.name}的共建情况，将显示在该单位的年度报告中`}
          confirmText='保存评价'
          busy={busy}
          error={error}
          onConfirm={() => void confirm()}
          onClose={() => setOpen(false)}
        >
          <Chips id='agreement-grade' options={ASSESSMENT_GRADES} labels={ASSESSMENT_GRADE_LABELS} value={grade} onChange={setGrade} />
          <SheetText
            id='agreement-assess-comment'
            value={comment}
            max={ORG_REPORT_LIMITS.assessmentCommentMax}
            placeholder='评价意见（选填），如：资源清单落实到位，群众满意'
            onInput={setComment}
          />
        </Sheet>
      ) : null}
    </View>
  )
}
