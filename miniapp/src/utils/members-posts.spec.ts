import type { MyRegistration } from '@nuancheng/shared'
import { beijingDate, minutesText, postFormError, registrationLine, shiftFormError } from './members-posts'

const registration = (community: string) => ({ community: { id: 'c', name: community } }) as unknown as MyRegistration['active']

describe('registration and service-post helpers', () => {
  it('should word the member card’s registration state', () => {
    expect(registrationLine(null)).toEqual({ state: 'none', label: '未报到', community: null })
    expect(
      registrationLine({ state: 'pending', active: null, pending: registration('康都社区'), lastRejected: null, suggestedCommunity: null })
    ).toEqual({
      state: 'pending',
      label: '待社区确认',
      community: '康都社区'
    })
    expect(
      registrationLine({ state: 'registered', active: registration('康都社区'), pending: null, lastRejected: null, suggestedCommunity: null })
    ).toMatchObject({
      label: '已报到',
      community: '康都社区'
    })
  })

  it('should take Beijing dates whatever the phone’s time zone', () => {
    expect(beijingDate(0, new Date('2026-06-30T16:30:00Z'))).toBe('2026-07-01')
    expect(beijingDate(1, new Date('2026-06-30T16:30:00Z'))).toBe('2026-06-30')
  })

  it('should say minutes as hours and minutes', () => {
    expect(minutesText(45)).toBe('45 分钟')
    expect(minutesText(90)).toBe('1 小时 30 分钟')
    expect(minutesText(120)).toBe('2 小时')
  })

  it('should check the shift form as the server does', () => {
    const ok = { busy: false, failed: 0 }
    expect(shiftFormError({ date: '2026-05-01', minutes: '90', content: '楼道宣传' }, ok)).toBeNull()
    expect(shiftFormError({ date: '2026-05-01', minutes: '0', content: '楼道宣传' }, ok)).toMatchObject({ field: 'minutes' })
    expect(shiftFormError({ date: '2026-05-01', minutes: '721', content: '楼道宣传' }, ok)).toMatchObject({ field: 'minutes' })
    expect(shiftFormError({ date: '2026-05-01', minutes: '1.5', content: '楼道宣传' }, ok)).toMatchObject({ field: 'minutes' })
    expect(shiftFormError({ date: '', minutes: '90', content: '楼道宣传' }, ok)).toMatchObject({ field: 'date' })
    expect(shiftFormError({ date: '2026-05-01', minutes: '90', content: ' ' }, ok)).toMatchObject({ field: 'content' })
    expect(shiftFormError({ date: '2026-05-01', minutes: '90', content: '楼道宣传' }, { busy: true, failed: 0 })).toMatchObject({ field: 'photos' })
  })

  it('should check the post form', () => {
    expect(postFormError({ communityId: 'c', type: '政策宣传岗', description: '宣传政策', places: '3' })).toBeNull()
    expect(postFormError({ communityId: '', type: '政策宣传岗', description: '宣传政策', places: '3' })).toMatchObject({ field: 'communityId' })
    expect(postFormError({ communityId: 'c', type: '政策宣传岗', description: '宣传政策', places: '0' })).toMatchObject({ field: 'places' })
    expect(postFormError({ communityId: 'c', type: '政策宣传岗', description: '宣传政策', places: '51' })).toMatchObject({ field: 'places' })
  })
})
