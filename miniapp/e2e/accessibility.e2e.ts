import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { requireBaseUrl, route, screenshot } from './browser'
import { withPhones, signIn } from './journey'

/**
 * Every page of the H5 build, as the persona that can open it, in the standard mode and in 长辈版:
 *  - axe-core (WCAG 2.1 A/AA rules): no serious or critical violation;
 *  - the resident's pages in 长辈版: computed text size, line height, contrast against the effective background
 *    and the size of every tap target (docs/architecture.md "Elder-friendly mode");
 *  - the standard mode's floor everywhere: no text under 14 px, no hint under 4.5:1, tap targets 44 × 44 or more;
 *  - one screenshot per page and mode (E2E_SCREENSHOT_DIR).
 * One browser context per persona, reused for all its pages.
 */

type Api = <T>(path: string) => Promise<T>
type Mode = 'standard' | 'elder'

interface Persona {
  name: string
  /** dev sign-in code; null: not signed in. */
  code: string | null
  /** The resident's pages: the 长辈版 size and contrast rules are asserted on these. */
  resident?: boolean
  pages: (api: Api) => Promise<string[]>
}

interface Items<T> {
  items: T[]
}
interface WithId {
  id: string
}

const first = <T>(list: Items<T>, what: string): T => {
  if (!list.items?.length) throw new Error(`demo data has no ${what}`)
  return list.items[0]
}

const wallWish = (api: Api) => api<Items<WithId>>('/api/wishes?communityCode=KDSQ01&pageSize=1').then((l) => first(l, 'wish on KDSQ01'))

const PERSONAS: Persona[] = [
  {
    name: 'visitor',
    code: null,
    pages: async () => [
      '/pages/index/index',
      '/pages/login/index',
      '/pages/me/index',
      '/packages/reports/pages/verify/index?no=NC-2025H1-000000',
      '/packages/resident/pages/rules/index'
    ]
  },
  {
    name: 'resident',
    code: 'dev:resident',
    resident: true,
    pages: async (api) => [
      '/pages/index/index',
      '/pages/community/index?code=KDSQ01',
      '/pages/me/index',
      '/packages/resident/pages/home/index',
      '/packages/resident/pages/post-wish/index?code=KDSQ01',
      '/packages/resident/pages/privacy/index',
      '/packages/resident/pages/consents/index',
      '/packages/resident/pages/rules/index',
      `/packages/wish/pages/detail/index?id=${(await wallWish(api)).id}`,
      '/packages/wish/pages/notifications/index'
    ]
  },
  {
    name: 'staff',
    code: 'dev:staff',
    pages: async (api) => {
      const activity = first(await api<Items<WithId>>('/api/activities?pageSize=1'), 'activity')
      // A claimed wish of their community: the claimant card with the name, unit and call button staff see.
      const claimed = first(await api<Items<WithId>>('/api/wishes?communityCode=KDSQ01&status=claimed&pageSize=1'), 'claimed wish on KDSQ01')
      return [
        '/packages/staff/pages/home/index',
        `/packages/wish/pages/detail/index?id=${claimed.id}`,
        '/packages/staff/pages/review/index',
        '/packages/staff/pages/registrations/index',
        '/packages/staff/pages/qrcode/index',
        '/packages/posts/pages/shifts/index',
        '/packages/posts/pages/edit/index',
        '/packages/activities/pages/publish/index',
        `/packages/activities/pages/code/index?id=${activity.id}`,
        `/packages/activities/pages/attendance/index?id=${activity.id}`,
        `/packages/activities/pages/manual/index?id=${activity.id}`,
        `/packages/activities/pages/review/index?id=${activity.id}`
      ]
    }
  },
  {
    name: 'member',
    code: 'dev:member-01',
    pages: async (api) => {
      const activity = first(await api<Items<WithId>>('/api/activities?pageSize=1'), 'activity')
      const post = first(await api<Items<WithId>>('/api/posts?pageSize=1'), 'service post')
      const reports = await api<Items<WithId>>('/api/me/reports')
      return [
        '/packages/member/pages/profile/index',
        '/packages/member/pages/wall/index',
        '/packages/member/pages/claims/index',
        '/packages/member/pages/register/index',
        '/packages/member/pages/ledger/index',
        '/packages/pledges/pages/mine/index',
        '/packages/pledges/pages/form/index',
        '/packages/posts/pages/list/index',
        `/packages/posts/pages/detail/index?id=${post.id}`,
        '/packages/posts/pages/mine/index',
        '/packages/activities/pages/list/index',
        `/packages/activities/pages/detail/index?id=${activity.id}`,
        `/packages/activities/pages/checkin/index?id=${activity.id}`,
        '/packages/reports/pages/mine/index',
        ...(reports.items?.length ? [`/packages/reports/pages/report/index?id=${reports.items[0].id}`] : []),
        '/packages/reports/pages/certificate/index'
      ]
    }
  },
  {
    name: 'secretary',
    code: 'dev:secretary',
    pages: async (api) => {
      const pledges = await api<Items<WithId>>('/api/pledges?pageSize=1')
      return [
        '/packages/pledges/pages/review/index',
        '/packages/reports/pages/review/index',
        ...(pledges.items?.length ? [`/packages/pledges/pages/detail/index?id=${pledges.items[0].id}`] : [])
      ]
    }
  },
  {
    name: 'org-admin',
    code: 'dev:org-admin',
    pages: async () => [
      '/packages/admin/pages/home/index',
      '/packages/admin/pages/dispatches/index',
      '/packages/admin/pages/projects/index',
      '/packages/admin/pages/project-post/index',
      '/packages/agreements/pages/list/index',
      '/packages/agreements/pages/propose/index',
      '/packages/reports/pages/org/index'
    ]
  },
  {
    name: 'official',
    code: 'dev:official',
    pages: async (api) => {
      const agreement = first(await api<Items<WithId>>('/api/agreements?pageSize=1'), 'agreement')
      const wish = await wallWish(api)
      return [
        '/packages/admin/pages/home/index',
        '/packages/admin/pages/overdue/index',
        `/packages/admin/pages/dispatch/index?id=${wish.id}`,
        `/packages/agreements/pages/detail/index?id=${agreement.id}`,
        '/packages/reports/pages/served/index',
        '/packages/supervision/pages/exports/index',
        '/packages/supervision/pages/dashboard/index'
      ]
    }
  },
  {
    name: 'committee',
    code: 'dev:committee',
    pages: async (api) => {
      const orgReports = await api<Items<WithId>>('/api/org-reports?pageSize=1')
      return [
        '/packages/pledges/pages/no-project/index',
        '/packages/agreements/pages/list/index',
        '/packages/supervision/pages/exports/index',
        '/packages/supervision/pages/dashboard/index',
        '/packages/reports/pages/org/index?as=committee',
        ...(orgReports.items?.length ? [`/packages/reports/pages/org-report/index?id=${orgReports.items[0].id}`] : [])
      ]
    }
  }
]

// ---------- helpers ----------

/** A full load of an app route (a hash-only change would keep the previous page in the document). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(route(path))
  // The page's content (a few pages, and state views, render without .nc-page).
  await page.locator('.taro_page .nc-page, .taro_page .nc-state, .taro_page [id]').first().waitFor()
  // Lists and details load after the first paint: wait for the API to go quiet and loading views to go.
  await page.waitForLoadState('networkidle')
  await page
    .locator('.nc-state--loading')
    .first()
    .waitFor({ state: 'detached', timeout: 10000 })
    .catch(() => undefined)
}

/** The API with the page's session (Taro's H5 storage keeps { data } JSON in localStorage). */
function apiFor(page: Page): Api {
  return <T>(path: string) =>
    page.evaluate(async (p) => {
      const raw = localStorage.getItem('nc.token')
      const token = raw ? (JSON.parse(raw) as { data: string }).data : ''
      const res = await fetch(p, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
      if (!res.ok) throw new Error(`GET ${p}: ${res.status}`)
      return res.json()
    }, path) as Promise<T>
}

async function setMode(page: Page, mode: Mode): Promise<void> {
  await page.evaluate((elder) => {
    localStorage.setItem('nc.elder', JSON.stringify({ data: elder }))
    localStorage.setItem('nc.elder.offered', JSON.stringify({ data: true }))
  }, mode === 'elder')
}

const slug = (path: string) =>
  path
    .replace(/^\/(pages|packages)\//, '')
    .replace(/\/index(\?|$)/, '$1')
    .replace(/\?id=.*/, '')
    .replace(/[^\w]+/g, '-')
    .replace(/^-|-$/g, '')

async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`)
          .join('; ')}`
    )
}

export interface Rules {
  minFont: number
  minTarget: number
  minLineHeight: number
  /** Text at or above this size (px) needs 3:1, below it 4.5:1. */
  largeText: number
}

/** 长辈版: 18 pt text (24 px), 60 × 60 targets, line height 1.3. Standard: 14 px, 44 × 44. */
const RULES: Record<Mode, Rules> = {
  elder: { minFont: 24, minTarget: 60, minLineHeight: 1.3, largeText: 24 },
  standard: { minFont: 14, minTarget: 44, minLineHeight: 0, largeText: 24 }
}

/** Elements a person taps (Taro's H5 Views carry no role: these are the app's tappable classes). */
const TAPPABLE = [
  '.nc-btn',
  '.nc-cell--link',
  '.nc-tab',
  '.nc-chip',
  '.nc-check',
  '.wish-card',
  '.home__scan',
  '.home__login',
  '.me__member',
  '.photo-picker__add',
  '.persona-cell',
  '.nc-input',
  '.nc-textarea',
  '.nc-picker',
  '.home__manual-input',
  '.login__custom-input',
  'input',
  'textarea',
  '.weui-tabbar__item'
].join(',')

/**
 * Reads computed styles in the page: every visible text's size (zoom included), line height and contrast with the
 * background it is painted on, and every visible tap target's box. Returns what breaks the rules.
 */
async function styleProblems(page: Page, rules: Rules): Promise<string[]> {
  return page.evaluate(
    ({ rules, tappable }) => {
      type RGBA = [number, number, number, number]
      const parse = (c: string): RGBA | null => {
        const m = c.match(/rgba?\(([^)]+)\)/)
        if (!m) return null
        const p = m[1]
          .split(/[,\s/]+/)
          .filter(Boolean)
          .map(Number)
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]
      }
      const over = (top: RGBA, bottom: RGBA): RGBA => {
        const a = top[3]
        return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1]
      }
      const lum = (c: RGBA) => {
        const [r, g, b] = c.slice(0, 3).map((v) => {
          const s = v / 255
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
        })
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
      }
      const ratio = (a: RGBA, b: RGBA) => {
        const [x, y] = [lum(a), lum(b)]
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)
      }
      /** Background colours behind an element, nearest first, down to the page's white. */
      const backgrounds = (el: Element): RGBA[] => {
        const layers: RGBA[][] = []
        for (let e: Element | null = el; e; e = e.parentElement) {
          const s = getComputedStyle(e)
          const colours = (s.backgroundImage.match(/rgba?\([^)]+\)/g) ?? []).map(parse).filter((c): c is RGBA => Boolean(c))
          const bg = parse(s.backgroundColor)
          if (colours.length) {
            layers.push(colours)
            break
          }
          if (bg && bg[3] > 0) {
            layers.push([bg])
            if (bg[3] === 1) break
          }
        }
        // Compose from the bottom up over white; a gradient counts as each of its colours (the worst decides).
        let result: RGBA[] = [[255, 255, 255, 1]]
        for (const layer of layers.reverse()) result = layer.flatMap((c) => result.map((under) => over(c, under)))
        return result
      }
      const zoomOf = (el: Element) => (el as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect()
        const s = getComputedStyle(el)
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && Number(s.opacity) > 0
      }
      const describe = (el: Element, text: string) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} «${text.slice(0, 20)}»`

      const problems: string[] = []
      const root = Array.from(document.querySelectorAll('.taro_page')).find((p) => p.getBoundingClientRect().height > 0)
      if (!root) return ['no page shown']
      const scope = [root, ...Array.from(document.querySelectorAll('.weui-tabbar'))]
      for (const container of scope) {
        const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT)
        const seen = new Set<Element>()
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = (n.textContent ?? '').trim()
          const el = n.parentElement
          if (!text || !el || seen.has(el) || !visible(el)) continue
          seen.add(el)
          const s = getComputedStyle(el)
          const font = parseFloat(s.fontSize) * zoomOf(el)
          if (font < rules.minFont - 0.05) problems.push(`text ${font.toFixed(1)}px < ${rules.minFont}px: ${describe(el, text)}`)
          if (rules.minLineHeight) {
            const lh = s.lineHeight === 'normal' ? 1.2 : parseFloat(s.lineHeight) / parseFloat(s.fontSize)
            if (lh < rules.minLineHeight - 0.01) problems.push(`line height ${lh.toFixed(2)} < ${rules.minLineHeight}: ${describe(el, text)}`)
          }
          const fg = parse(s.color)
          if (!fg) continue
          const need = font >= rules.largeText || (font >= (rules.largeText * 14) / 18 && Number(s.fontWeight) >= 700) ? 3 : 4.5
          const worst = Math.min(...backgrounds(el).map((bg) => ratio(over(fg, bg), bg)))
          if (worst < need - 0.01) problems.push(`contrast ${worst.toFixed(2)} < ${need}: ${describe(el, text)} (${s.color})`)
        }
      }
      const placeholders = Array.from(root.querySelectorAll('input, textarea'))
      for (const input of placeholders) {
        if (!(input as HTMLInputElement).placeholder || !visible(input)) continue
        const fg = parse(getComputedStyle(input, '::placeholder').color)
        if (!fg) continue
        const worst = Math.min(...backgrounds(input).map((bg) => ratio(over(fg, bg), bg)))
        if (worst < 4.5 - 0.01) problems.push(`placeholder contrast ${worst.toFixed(2)} < 4.5: ${(input as HTMLInputElement).placeholder}`)
      }
      for (const container of scope) {
        for (const el of Array.from(container.querySelectorAll(tappable))) {
          if (!visible(el)) continue
          // A native control inside a larger tappable wrapper is covered by the wrapper.
          if (el.parentElement?.closest(tappable)) continue
          const r = el.getBoundingClientRect()
          if (r.width < rules.minTarget - 0.5 || r.height < rules.minTarget - 0.5) {
            problems.push(`target ${r.width.toFixed(0)}×${r.height.toFixed(0)} < ${rules.minTarget}: ${describe(el, el.textContent?.trim() ?? '')}`)
          }
        }
      }
      return problems
    },
    { rules, tappable: TAPPABLE }
  )
}

// ---------- tests ----------

/** Steps on a fresh phone of the file's one browser. */
const withPhone = withPhones()

describe('H5: every page passes axe-core and the size and contrast floor, in both modes', () => {
  for (const persona of PERSONAS) {
    it(`${persona.name}: every page it can open`, async () => {
      await withPhone(async (page) => {
        if (persona.code) await signIn(page, persona.code)
        else await open(page, '/pages/index/index')
        const paths = await persona.pages(apiFor(page))
        const problems: string[] = []
        for (const mode of ['standard', 'elder'] as const) {
          await setMode(page, mode)
          for (const path of paths) {
            await open(page, path)
            await expect(page.evaluate(() => document.documentElement.classList.contains('nc-elder'))).resolves.toBe(mode === 'elder')
            await screenshot(page, `a11y-${persona.name}-${mode}-${slug(path)}`)
            for (const p of await axeProblems(page)) problems.push(`[${mode}] ${path}: axe ${p}`)
            // The standard floor holds everywhere; 长辈版's rules on the resident's pages.
            const rules = mode === 'elder' && persona.resident ? RULES.elder : RULES.standard
            for (const p of await styleProblems(page, rules)) problems.push(`[${mode}] ${path}: ${p}`)
          }
        }
        expect(problems).toEqual([])
      })
      // About 3 s a page and mode (load, axe, styles, screenshot).
    }, 300000)
  }
})

describe('H5: 长辈版', () => {
  it('is offered on the first visit from a community code, persists, and is switched off on 我的', () =>
    withPhone(async (page) => {
      await page.goto(`${requireBaseUrl()}/qr/c/KDSQ01`)
      await page.locator('#community').waitFor()
      const offer = page.locator('#elder-offer')
      await offer.waitFor()
      const before = await page.locator('.community__name').evaluate((el) => el.getBoundingClientRect().height)
      await screenshot(page, 'elder-offer')
      await page.locator('#elder-offer-yes').click()
      await offer.waitFor({ state: 'detached' })
      await expect(page.evaluate(() => document.documentElement.classList.contains('nc-elder'))).resolves.toBe(true)
      const after = await page.locator('.community__name').evaluate((el) => el.getBoundingClientRect().height)
      expect(after / before).toBeGreaterThan(1.6)
      // Fewer choices: no category filter, no pledges, one line of community information.
      await expect(page.locator('.community__tabs').isVisible()).resolves.toBe(false)
      await expect(page.locator('.community__info .nc-cell').count()).resolves.toBe(1)
      // …and the community's phone to call for help, large, near the top.
      await expect(page.locator('#call-community-button').innerText()).resolves.toContain('拨打社区电话 0478-8345601')
      const call = await page.locator('#call-community-button').boundingBox()
      expect(Math.min(call!.width, call!.height)).toBeGreaterThanOrEqual(60)

      // Kept across a reload, and not offered again.
      await page.reload()
      await page.locator('#community').waitFor()
      await expect(page.evaluate(() => document.documentElement.classList.contains('nc-elder'))).resolves.toBe(true)
      await expect(page.locator('#elder-offer').count()).resolves.toBe(0)

      // 我的 shows it on; a tap turns it off, and it stays off.
      await open(page, '/pages/me/index')
      await expect(page.locator('#elder-state').innerText()).resolves.toBe('已开启')
      await page.locator('#elder-switch').click()
      await expect(page.locator('#elder-state').innerText()).resolves.toBe('未开启')
      await expect(page.evaluate(() => document.documentElement.classList.contains('nc-elder'))).resolves.toBe(false)
      await open(page, '/pages/community/index?code=KDSQ01')
      await page.locator('.community__tabs').waitFor()
      await expect(page.locator('#elder-offer').count()).resolves.toBe(0)
      // The standard page lists the phone among the community's information instead.
      await expect(page.locator('#call-community').count()).resolves.toBe(0)
      await expect(page.locator('.community__info').innerText()).resolves.toContain('0478-8345601')
    }))

  it('a dismissed offer is not shown again', () =>
    withPhone(async (page) => {
      await open(page, '/pages/community/index?code=KDSQ01')
      await page.locator('#elder-offer-no').click()
      await page.locator('#elder-offer').waitFor({ state: 'detached' })
      await expect(page.evaluate(() => document.documentElement.classList.contains('nc-elder'))).resolves.toBe(false)
      await open(page, '/pages/community/index?code=KDSQ01')
      await page.locator('.community__tabs').waitFor()
      await expect(page.locator('#elder-offer').count()).resolves.toBe(0)
    }))
})
