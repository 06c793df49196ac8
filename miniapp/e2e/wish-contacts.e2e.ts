import { screenshot } from './browser'
import { act, chip, fill, open, openDetail, personas, statusWaiter } from './journey'

/**
 * Who sees whom on a wish (PIPL, least privilege), in the browser against the demo data (dev:staff serves 康都社区
 * KDSQ01; dev:member-01 and dev:member-02 are Party members):
 *   staff 代录 a wish with a landline and a delivery address → approve → member-01 claims and sees the address →
 *   member-02 sees it masked only → staff see the claimant's full name and a call button → the fulfil sheet says
 *   what will be public → the post form's 《敏感个人信息处理规则》 opens the rules.
 */

const TITLE = `代录电暖器${Date.now().toString(36).slice(-6)}`
const LANDLINE = '0931-8123456'
const ADDRESS = '幸福小区 3 号楼 2 单元 401'

const waitForStatus = statusWaiter('wish-status')

let wishId = ''

const { as } = personas()

describe('H5: contacts on a wish, 代录 with a landline and an address, public and private wording', () => {
  it('dev:staff 代录 a wish with a landline and a delivery address; a malformed number is refused in Chinese', async () => {
    const page = await as('dev:staff')
    await open(page, '/packages/resident/pages/post-wish/index?code=KDSQ01&onBehalf=1')
    await page.locator('#wish-form').waitFor()
    await page.locator('#on-behalf').waitFor()
    await fill(page, 'wish-title', TITLE)
    await fill(page, 'wish-description', '独居老人没有手机，家中没有取暖设备，冬天很冷。')
    await chip(page, 'wish-category', '家用电器')
    await fill(page, 'wish-value', '200')
    await fill(page, 'beneficiary-name', '赵桂芳')
    await fill(page, 'contact-phone', '8123456')
    await fill(page, 'delivery-address', ADDRESS)
    await chip(page, 'hardship-category', '独居老人')
    await page.locator('#consent-sensitive').click()
    await page.locator('#submit-wish').click()
    await expect(page.locator('.nc-field__error').first().innerText()).resolves.toContain('带区号的固定电话')

    await fill(page, 'contact-phone', LANDLINE)
    await screenshot(page, 'wish-on-behalf-form')
    await page.locator('#submit-wish').click()
    await waitForStatus(page, '待审核')
    wishId = (await page.locator('#wish-detail').getAttribute('data-id')) ?? ''
    expect(wishId).not.toBe('')
    await expect(page.locator('#beneficiary-phone').innerText()).resolves.toContain(LANDLINE)
    await expect(page.locator('#beneficiary-address').innerText()).resolves.toContain(ADDRESS)
    await act(page, 'action-approve')
    await waitForStatus(page, '待认领')
  })

  it('dev:member-01 claims it and sees the landline and the address', async () => {
    const page = await as('dev:member-01')
    await openDetail(page, 'wish', wishId)
    await waitForStatus(page, '待认领')
    await expect(page.locator('#beneficiary-address').count()).resolves.toBe(0)
    await act(page, 'action-claim')
    await waitForStatus(page, '已认领')
    await expect(page.locator('#beneficiary-phone').innerText()).resolves.toContain(LANDLINE)
    await expect(page.locator('#beneficiary-address').innerText()).resolves.toContain(ADDRESS)
    await screenshot(page, 'wish-claimant-sees-address')
  })

  it('dev:member-02 sees neither the address nor the number, only the address masked', async () => {
    const page = await as('dev:member-02')
    await openDetail(page, 'wish', wishId)
    await waitForStatus(page, '已认领')
    await expect(page.locator('#wish-beneficiary').count()).resolves.toBe(0)
    await expect(page.locator('#wish-address-masked').innerText()).resolves.toContain('幸福小****')
    const text = await page.locator('#wish-detail').innerText()
    expect(text).not.toContain(ADDRESS)
    expect(text).not.toContain(LANDLINE)
    expect(text).not.toContain('赵桂芳')
  })

  it('dev:staff sees the claimant’s full name, unit and a call button', async () => {
    const page = await as('dev:staff')
    await openDetail(page, 'wish', wishId)
    await waitForStatus(page, '已认领')
    const name = await page.locator('#claimant-name').innerText()
    expect(name).toContain('在职党员')
    expect(name).not.toContain('*')
    await page.locator('#claimant-unit').waitFor()
    await expect(page.locator('#claimant-phone').innerText()).resolves.toMatch(/1[3-9]\d{9}/)
    await expect(page.locator('#call-claimant').isVisible()).resolves.toBe(true)
    await expect(page.locator('#action-revoke').isVisible()).resolves.toBe(true)
    await screenshot(page, 'wish-staff-sees-claimant')
  })

  it('dev:member-01’s fulfil sheet says the photos are public and the note is not', async () => {
    const page = await as('dev:member-01')
    await openDetail(page, 'wish', wishId)
    await waitForStatus(page, '已认领')
    await page.locator('#action-fulfil').click()
    const sheet = page.locator('#sheet')
    await sheet.waitFor()
    const text = await sheet.innerText()
    expect(text).toContain('照片将随心愿公开展示在心愿墙上')
    expect(text).toContain('说明不公开，仅受助人、认领人和本社区工作人员可见')
    expect(text).toContain('圆梦说明（不公开）')
    await screenshot(page, 'wish-fulfil-sheet-wording')
    await page.locator('#sheet-cancel').click()
    await sheet.waitFor({ state: 'detached' })
  })

  it('the post form’s 《敏感个人信息处理规则》 opens the rules page', async () => {
    const page = await as('dev:resident')
    await open(page, '/packages/resident/pages/post-wish/index?code=KDSQ01')
    await page.locator('#wish-form').waitFor()
    await page.locator('#open-rules').click()
    await page.locator('#sensitive-rules').waitFor()
    await expect(page.locator('#rules-version').innerText()).resolves.toContain('2026-11-v1')
    await expect(page.locator('#sensitive-rules').innerText()).resolves.toContain('送达地址')
    await screenshot(page, 'sensitive-rules')
  })
})
