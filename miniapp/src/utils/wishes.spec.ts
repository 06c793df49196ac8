import { WISH_STATUSES } from '@nuancheng/shared/constants'
import { projectStatusLabel, publishedFirst, wishStatusLabel, wishStatusTone } from './wishes'

describe('labels and order', () => {
  it('falls back to the raw value', () => {
    expect(wishStatusLabel('published')).toBe('待认领')
    expect(wishStatusLabel('mystery')).toBe('mystery')
    expect(projectStatusLabel('verified')).toBe('已验收')
    expect(wishStatusTone('mystery')).toBe('gray')
  })
  it('every status has a tone', () => {
    for (const s of WISH_STATUSES) expect(wishStatusTone(s)).not.toBe(undefined)
  })
  it('puts wishes waiting for a claimant first, keeping the server order otherwise', () => {
    const items = [
      { id: 'a', status: 'claimed' },
      { id: 'b', status: 'published' },
      { id: 'c', status: 'confirmed' },
      { id: 'd', status: 'published' }
    ]
    expect(publishedFirst(items).map((w) => w.id)).toEqual(['b', 'd', 'a', 'c'])
  })
})
