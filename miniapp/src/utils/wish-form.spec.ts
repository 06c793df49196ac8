import { CreateWishSchema } from '../../../shared/src/wishes'
import { emptyWishForm, toCreateWish, validateWishForm, wishFormErrors, type WishFormValues } from './wish-form'

const valid = (over: Partial<WishFormValues> = {}): WishFormValues => ({
  ...emptyWishForm('c-1'),
  title: '想要一台电风扇',
  description: '家里老人夏天怕热，想要一台落地扇。',
  category: '家用电器',
  value: '150',
  photoIds: ['p1'],
  beneficiaryName: '王秀兰',
  hardshipCategory: '独居老人',
  sensitiveConsent: true,
  ...over
})

describe('validateWishForm', () => {
  it('accepts a complete form, and the body passes the server schema', () => {
    const v = valid()
    expect(validateWishForm(v)).toBeNull()
    const body = toCreateWish(v)
    expect(body).not.toHaveProperty('contactPhone')
    expect(body.sensitiveConsent).toEqual({ agreed: true, version: '2026-11-v1' })
    expect(CreateWishSchema.safeParse(body).success).toBe(true)
  })

  it('on behalf of a resident needs a contact phone, like the server', () => {
    const v = valid({ onBehalf: true })
    expect(validateWishForm(v)).toEqual({ field: 'contactPhone', message: '代录心愿请填写受助人或其家属的联系电话' })
    expect(CreateWishSchema.safeParse(toCreateWish(v)).success).toBe(false)
    const ok = valid({ onBehalf: true, contactPhone: ' 13912345678 ' })
    expect(validateWishForm(ok)).toBeNull()
    expect(CreateWishSchema.parse(toCreateWish(ok)).contactPhone).toBe('13912345678')
  })

  it('under 14 needs a guardian name and consent', () => {
    expect(validateWishForm(valid({ beneficiaryUnder14: true }))?.field).toBe('guardianName')
    expect(validateWishForm(valid({ beneficiaryUnder14: true, guardianName: '李强' }))?.field).toBe('guardianConsent')
    const ok = valid({ beneficiaryUnder14: true, guardianName: '李强', guardianConsent: true })
    expect(validateWishForm(ok)).toBeNull()
    expect(CreateWishSchema.safeParse(toCreateWish(ok)).success).toBe(true)
  })

  it.each<[Partial<WishFormValues>, keyof WishFormValues]>([
    [{ title: '  ' }, 'title'],
    [{ title: '愿'.repeat(31) }, 'title'],
    [{ description: '' }, 'description'],
    [{ category: '电器' }, 'category'],
    [{ value: '' }, 'value'],
    [{ value: '12.5' }, 'value'],
    [{ value: '0' }, 'value'],
    [{ value: '2001' }, 'value'],
    [{ photoIds: ['1', '2', '3', '4'] }, 'photoIds'],
    [{ beneficiaryName: '王' }, 'beneficiaryName'],
    [{ contactPhone: '12345' }, 'contactPhone'],
    [{ hardshipCategory: '' }, 'hardshipCategory'],
    [{ sensitiveConsent: false }, 'sensitiveConsent']
  ])('rejects %j (%s), as the server schema does', (over, field) => {
    const v = valid(over)
    expect(validateWishForm(v)?.field).toBe(field)
    // Where the body can be built at all, the server would refuse it too.
    if (field !== 'value' && field !== 'sensitiveConsent') expect(CreateWishSchema.safeParse(toCreateWish(v)).success).toBe(false)
  })

  it('counts characters, not UTF-16 units', () => {
    expect(validateWishForm(valid({ title: '𠀀'.repeat(30) }))).toBeNull()
  })
})

describe('wishFormErrors', () => {
  it('lists every wrong field at once, in the order of the form', () => {
    const v = valid({ title: '', value: 'abc', beneficiaryName: '王', hardshipCategory: '', sensitiveConsent: false })
    expect(wishFormErrors(v).map((e) => e.field)).toEqual(['title', 'value', 'beneficiaryName', 'hardshipCategory', 'sensitiveConsent'])
    expect(validateWishForm(v)?.field).toBe('title')
  })

  it('lists nothing for a complete form', () => {
    expect(wishFormErrors(valid())).toEqual([])
  })
})
