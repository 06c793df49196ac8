import { beijingDay, dayAfter, deadlineText, endOfDayIso, formatDate, formatDateTime, formatYuan } from './format'

const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min)

describe('format', () => {
  it('dates', () => {
    const now = at(2026, 11, 27)
    expect(formatDate(at(2026, 3, 5).toISOString())).toBe('2026-03-05')
    expect(formatDateTime(at(2026, 3, 5, 9, 7).toISOString(), now)).toBe('03-05 09:07')
    expect(formatDateTime(at(2025, 12, 31, 23, 59).toISOString(), now)).toBe('2025-12-31 23:59')
    expect(formatDateTime(null)).toBe('')
    expect(formatDate('garbage')).toBe('')
  })
  it('deadlines in calendar days', () => {
    const now = at(2026, 11, 27, 10)
    expect(deadlineText(at(2026, 11, 30, 9).toISOString(), now)).toEqual({ text: '剩 3 天', overdue: false })
    expect(deadlineText(at(2026, 11, 27, 23).toISOString(), now)).toEqual({ text: '今天到期', overdue: false })
    expect(deadlineText(at(2026, 11, 27, 8).toISOString(), now)).toEqual({ text: '已到期', overdue: true })
    expect(deadlineText(at(2026, 11, 25, 8).toISOString(), now)).toEqual({ text: '已超期 2 天', overdue: true })
    expect(deadlineText(null, now)).toBeNull()
  })
  it('money and picker days', () => {
    expect(formatYuan(120)).toBe('¥120')
    expect(formatYuan(null)).toBe('')
    expect(dayAfter(7, at(2026, 11, 27))).toBe('2026-12-04')
    const iso = endOfDayIso('2026-12-04')!
    expect(new Date(iso).getDate()).toBe(4)
    expect(new Date(iso).getHours()).toBe(23)
    expect(endOfDayIso('12/04')).toBeNull()
  })
})

describe('beijingDay', () => {
  it('is the Beijing calendar day, whatever the phone’s zone', () => {
    expect(beijingDay(new Date('2026-12-02T15:59:59Z'))).toBe('2026-12-02')
    expect(beijingDay(new Date('2026-12-02T16:00:00Z'))).toBe('2026-12-03')
  })
  it('formatDate keeps a calendar day as it is', () => expect(formatDate('2026-11-27')).toBe('2026-11-27'))
})
