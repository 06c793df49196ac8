import { ELDER_SCALE, typeScale } from './type-scale'

describe('typeScale', () => {
  it('is 1 at WeChat standard size and below it', () => {
    expect(typeScale(false, 17)).toBe(1)
    expect(typeScale(false, 14)).toBe(1)
    expect(typeScale(false, Number.NaN)).toBe(1)
  })

  it('follows the WeChat font size up to 23.8 px (1.4×)', () => {
    expect(typeScale(false, 20)).toBeCloseTo(20 / 17, 3)
    expect(typeScale(false, 23.8)).toBe(1.4)
    expect(typeScale(false, 30)).toBe(1.4)
  })

  it('长辈版 makes 14 px text 24 px at least', () => {
    expect(typeScale(true, 17) * 14).toBeGreaterThanOrEqual(23.99)
    expect(typeScale(true, 23.8)).toBeCloseTo(ELDER_SCALE, 3)
  })
})
