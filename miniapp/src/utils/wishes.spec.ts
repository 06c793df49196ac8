import * as shared from '../../../shared/src/wishes'
import * as sharedProjects from '../../../shared/src/projects'
import {
  HARDSHIP_CATEGORIES,
  OVERDUE_LABELS,
  PROJECT_STATUS_LABELS,
  PUBLIC_WISH_STATUSES,
  WISH_CATEGORIES,
  WISH_CONSENT_VERSION,
  WISH_STATUS_LABELS,
  projectStatusLabel,
  publishedFirst,
  wishStatusLabel,
  wishStatusTone
} from './wishes'

describe('wish values copied from shared (kept in sync)', () => {
  it('status labels', () => expect(WISH_STATUS_LABELS).toEqual(shared.WISH_STATUS_LABELS))
  it('public statuses', () => expect([...PUBLIC_WISH_STATUSES]).toEqual([...shared.PUBLIC_WISH_STATUSES]))
  it('categories', () => expect([...WISH_CATEGORIES]).toEqual([...shared.WISH_CATEGORIES]))
  it('hardship categories', () => expect([...HARDSHIP_CATEGORIES]).toEqual([...shared.HARDSHIP_CATEGORIES]))
  it('consent version', () => expect(WISH_CONSENT_VERSION).toBe(shared.WISH_CONSENT_VERSION))
  it('project status labels', () => expect(PROJECT_STATUS_LABELS).toEqual(sharedProjects.PROJECT_STATUS_LABELS))
  it('overdue reasons cover the schema enum', () => {
    const reasons = shared.WishSummarySchema.shape.overdue.unwrap().options
    expect(Object.keys(OVERDUE_LABELS).sort()).toEqual([...reasons].sort())
  })
})

describe('labels and order', () => {
  it('falls back to the raw value', () => {
    expect(wishStatusLabel('published')).toBe('待认领')
    expect(wishStatusLabel('mystery')).toBe('mystery')
    expect(projectStatusLabel('verified')).toBe('已验收')
    expect(wishStatusTone('mystery')).toBe('gray')
  })
  it('every status has a tone', () => {
    for (const s of shared.WISH_STATUSES) expect(wishStatusTone(s)).not.toBe(undefined)
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
