import {
  activityPhase,
  activityTime,
  checkinCodeFromParams,
  distanceText,
  fromPickerParts,
  minutesText,
  parseCheckinCode,
  pickerParts,
  quickStart,
  recentHalfYears
} from './activities'

const ID = '0b7e2c1a-3f4d-4e5f-8a9b-0c1d2e3f4a5b'
const TOKEN = `${ID}.59123456.${'a'.repeat(20)}_-${'B'.repeat(21)}`

describe('check-in codes from scans and links', () => {
  it('should read the token from the QR link, encoded as WeChat passes it in q, or bare', () => {
    expect(parseCheckinCode(`https://nc.example.cn/qr/a/${TOKEN}`)).toEqual({ activityId: ID, token: TOKEN })
    expect(checkinCodeFromParams({ q: encodeURIComponent(`https://nc.example.cn/qr/a/${TOKEN}`) })).toEqual({ activityId: ID, token: TOKEN })
    expect(checkinCodeFromParams({ t: TOKEN })).toEqual({ activityId: ID, token: TOKEN })
    expect(parseCheckinCode(`  ${TOKEN}\n`)?.token).toBe(TOKEN)
  })

  it('should refuse anything else', () => {
    expect(parseCheckinCode('https://nc.example.cn/qr/c/KDSQ01')).toBeNull()
    expect(parseCheckinCode(`${ID}.1.short`)).toBeNull()
    expect(checkinCodeFromParams({})).toBeNull()
    expect(parseCheckinCode(undefined)).toBeNull()
  })
})

describe('activity formatting', () => {
  it('should show times, distances, minutes and phases', () => {
    const s = new Date(2026, 11, 1, 9, 0).toISOString()
    const e = new Date(2026, 11, 1, 11, 30).toISOString()
    expect(activityTime({ startAt: s, endAt: e })).toBe('12-01 09:00–11:30')
    expect(distanceText(350.4)).toBe('350 米')
    expect(distanceText(1234)).toBe('1.2 公里')
    expect(distanceText(null)).toBe('')
    expect(minutesText(150)).toBe('2 小时 30 分钟')
    expect(minutesText(45)).toBe('45 分钟')
    expect(minutesText(-120)).toBe('-2 小时')
    expect(activityPhase({ startAt: s, endAt: e, status: 'published' }, new Date(2026, 11, 1, 10))).toBe('进行中')
    expect(activityPhase({ startAt: s, endAt: e, status: 'published' }, new Date(2026, 11, 1, 8))).toBe('报名中')
    expect(activityPhase({ startAt: s, endAt: e, status: 'cancelled' }, new Date(2026, 11, 1, 8))).toBe('已取消')
  })

  it('should list half years newest first and pick start times', () => {
    expect(recentHalfYears(new Date(2026, 2, 1), 3).map((p) => p.key)).toEqual(['2026H1', '2025H2', '2025H1'])
    expect(recentHalfYears(new Date(2026, 8, 1), 1)).toEqual([{ key: '2026H2', label: '2026年下半年' }])
    const now = new Date(2026, 11, 1, 14, 37, 12)
    expect(pickerParts(quickStart('now', now))).toEqual({ day: '2026-12-01', time: '14:37' })
    expect(pickerParts(quickStart('hour', now))).toEqual({ day: '2026-12-01', time: '15:00' })
    expect(pickerParts(quickStart('tomorrow', now))).toEqual({ day: '2026-12-02', time: '09:00' })
    expect(fromPickerParts('2026-12-02', '09:00')?.getTime()).toBe(new Date(2026, 11, 2, 9, 0).getTime())
    expect(fromPickerParts('bad', '09:00')).toBeNull()
  })
})
