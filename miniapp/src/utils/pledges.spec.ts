import { PLEDGE_OFFERED_ACTIONS, PLEDGE_STATUSES } from '@nuancheng/shared/constants'
import { cstToday, noteError, PLEDGE_ACTION_LABELS, pledgeFormError, pledgeStatusLabel, pledgeStatusTone, pledgeUrl } from './pledges'

describe('pledge helpers', () => {
  const form = { content: '每月为老人义务理发', target: '全年 12 次', dueDate: '2026-12-31', category: '助老助残', nameDisplay: 'masked' }

  it('should label every state and every offered action', () => {
    for (const s of PLEDGE_STATUSES) {
      expect(pledgeStatusLabel(s)).toMatch(/[\u4e00-\u9fa5]/)
      expect(pledgeStatusTone(s)).toBeTruthy()
    }
    for (const a of PLEDGE_OFFERED_ACTIONS) expect(PLEDGE_ACTION_LABELS[a]).toMatch(/[\u4e00-\u9fa5]/)
    expect(pledgeUrl('a b')).toBe('/packages/pledges/pages/detail/index?id=a%20b')
  })

  it('should take today in Beijing', () => {
    expect(cstToday(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01')
  })

  it('should check the form as the server does', () => {
    expect(pledgeFormError(form, '2026-05-01')).toBeNull()
    expect(pledgeFormError({ ...form, content: '理发' }, '2026-05-01')?.field).toBe('content')
    expect(pledgeFormError({ ...form, target: ' ' }, '2026-05-01')?.field).toBe('target')
    expect(pledgeFormError({ ...form, dueDate: '' }, '2026-05-01')?.field).toBe('dueDate')
    expect(pledgeFormError({ ...form, dueDate: '2028-01-01' }, '2026-05-01')).toEqual({ field: 'dueDate', message: '只能作 2026 年或 2027 年的承诺' })
    expect(pledgeFormError({ ...form, category: '' }, '2026-05-01')?.field).toBe('category')
    expect(noteError('好', 2, 300, '评语')).toBe('请填写评语（至少 2 个字）')
    expect(noteError('很好', 2, 300, '评语')).toBeNull()
  })
})
