import { charCount, dueText, halfYearLabel, hours, recentHalfYearKeys } from './reports'

describe('report helpers', () => {
  it('should show minutes as hours with one decimal', () => {
    expect(hours(90)).toBe('1.5 小时')
    expect(hours(0)).toBe('0 小时')
    expect(hours(50)).toBe('0.8 小时')
  })

  it('should word what is due by the days left, or where it stands', () => {
    expect(dueText({ daysLeft: 12, state: 'missing', late: false })).toEqual({ text: '还剩 12 天', urgent: false })
    expect(dueText({ daysLeft: 5, state: 'draft', late: false })).toEqual({ text: '还剩 5 天', urgent: true })
    expect(dueText({ daysLeft: 1, state: 'returned', late: false })).toEqual({ text: '今天截止', urgent: true })
    expect(dueText({ daysLeft: -2, state: 'missing', late: true })).toEqual({ text: '已逾期 3 天', urgent: true })
    expect(dueText({ daysLeft: -2, state: 'submitted', late: true })).toEqual({ text: '已提交（逾期）', urgent: false })
  })

  it('should count characters as people do', () => {
    expect(charCount('党员报告')).toBe(4)
  })
})

describe('half years', () => {
  it('should name the previous and current half year in Beijing time', () => {
    expect(recentHalfYearKeys(new Date('2026-12-01T00:00:00Z'))).toEqual(['2026H1', '2026H2'])
    expect(recentHalfYearKeys(new Date('2026-06-30T17:00:00Z'))).toEqual(['2026H1', '2026H2'])
    expect(recentHalfYearKeys(new Date('2026-03-01T00:00:00Z'))).toEqual(['2025H2', '2026H1'])
    expect(halfYearLabel('2026H1')).toBe('2026年上半年')
  })
})
