import { WISH_OFFERED_ACTIONS } from '@nuancheng/shared/constants'
import { buttonId, fulfilError, reasonError, wishButtons } from './wish-actions'

describe('wishButtons', () => {
  it('keeps a stable order whatever order the server sends', () => {
    expect(wishButtons(['withdraw', 'reject', 'approve']).map((b) => b.id)).toEqual(['action-approve', 'action-reject', 'action-withdraw'])
  })
  it('claimant of a claimed wish: fulfil before release', () => {
    const buttons = wishButtons(['release', 'fulfil'])
    expect(buttons.map((b) => b.key)).toEqual(['fulfil', 'release'])
    expect(buttons[0]).toMatchObject({ id: 'action-fulfil', primary: true, form: 'fulfil' })
  })
  it('covers every action the server may offer (the shared list)', () => {
    expect(wishButtons(WISH_OFFERED_ACTIONS)).toHaveLength(WISH_OFFERED_ACTIONS.length)
    expect(wishButtons(WISH_OFFERED_ACTIONS).every((b) => b.label && b.title)).toBe(true)
  })
  it('ignores unknown actions and duplicates', () => {
    expect(wishButtons(['claim', 'claim', 'teleport', 'review']).map((b) => b.key)).toEqual(['claim'])
  })
  it('ids use dashes', () => expect(buttonId('claim_for_unit')).toBe('action-claim-for-unit'))
})

describe('form rules', () => {
  it('reason: 2–200 characters', () => {
    expect(reasonError(' 好 ')).toMatch(/至少 2 个字/)
    expect(reasonError('联系不上')).toBeNull()
    expect(reasonError('长'.repeat(201))).toMatch(/200/)
  })
  it('fulfil: 1–9 photos and a note', () => {
    expect(fulfilError(0, '已送到')).toMatch(/至少上传 1 张/)
    expect(fulfilError(10, '已送到')).toMatch(/9 张/)
    expect(fulfilError(1, '')).toMatch(/说明/)
    expect(fulfilError(1, '已送到家中')).toBeNull()
  })
})
