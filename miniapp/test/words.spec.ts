import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import * as C from '@nuancheng/shared/constants'

/**
 * One vocabulary across the mini-program (issue 12, 用语一致):
 *  - every workflow's state names come from shared/src/constants (*_STATUSES in the order of progress, *_LABELS
 *    for the words); pages do not write a state's word themselves, and a list of states keeps that order;
 *  - in a row of buttons (a sheet, a bottom bar, a card's buttons) the primary action is the last, on the right;
 *  - dates are written by utils/format (formatDate / formatDateTime / beijingDay), never by toLocale*String or by
 *    cutting an ISO string.
 */
const SRC = path.resolve(__dirname, '../src')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [full] : []
  })
}

const FILES = sourceFiles(SRC).map((file) => {
  const text = fs.readFileSync(file, 'utf8')
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  return { rel: path.relative(SRC, file), source: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind) }
})

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node)
  node.forEachChild((child) => walk(child, visit))
}

const where = (rel: string, node: ts.Node) => `${rel}:${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}`

/** Each workflow: its states in the order of progress and their words. */
const WORKFLOWS: Array<[string, readonly string[], Record<string, string>]> = [
  ['wish', C.WISH_STATUSES, C.WISH_STATUS_LABELS],
  ['dispatch', C.DISPATCH_STATUSES, C.DISPATCH_STATUS_LABELS],
  ['project', C.PROJECT_STATUSES, C.PROJECT_STATUS_LABELS],
  ['agreement', C.AGREEMENT_STATUSES, C.AGREEMENT_STATUS_LABELS],
  ['registration', C.REGISTRATION_STATUSES, C.REGISTRATION_STATUS_LABELS],
  ['post holding', C.POST_HOLDING_STATUSES, C.POST_HOLDING_STATUS_LABELS],
  ['shift', C.SHIFT_STATUSES, C.SHIFT_STATUS_LABELS],
  ['activity', C.ACTIVITY_STATUSES, C.ACTIVITY_STATUS_LABELS],
  ['attendance', C.ATTENDANCE_STATUSES, C.ATTENDANCE_STATUS_LABELS],
  ['hours', C.HOURS_STATUSES, C.HOURS_STATUS_LABELS],
  ['report', C.REPORT_STATUSES, C.REPORT_STATUS_LABELS],
  ['report due', C.REPORT_DUE_STATES, C.REPORT_DUE_LABELS],
  ['org report', C.ORG_REPORT_STATUSES, C.ORG_REPORT_STATUS_LABELS],
  ['pledge', C.PLEDGE_STATUSES, C.PLEDGE_STATUS_LABELS],
  ['pledge state', C.PLEDGE_STATES, C.PLEDGE_STATE_LABELS]
]

describe('state names', () => {
  it.each(WORKFLOWS)('%s: one word per state, listed in the order of progress', (_name, statuses, labels) => {
    expect(Object.keys(labels)).toEqual([...statuses])
    expect(new Set(Object.values(labels)).size).toBe(statuses.length)
  })

  it('the public wall lists its states in the order of progress', () => {
    const order = C.PUBLIC_WISH_STATUSES.map((s) => C.WISH_STATUSES.indexOf(s))
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  /**
   * Words that may equal a state's word without being one: what a toast says once an action is done (已确认, 已离岗),
   * and a deadline's 已到期.
   */
  const allowed = (node: ts.Node, rel: string, word: string): boolean => {
    if (rel === 'utils/format.ts' && word === '已到期') return true
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (ts.isCallExpression(n) && /(showToast|run)$/.test(n.expression.getText())) return true
      if (ts.isPropertyAssignment(n) && ['done', 'title'].includes(n.name.getText()) && ts.isObjectLiteralExpression(n.parent)) {
        const call = n.parent.parent
        if (n.name.getText() === 'done' || (call && ts.isCallExpression(call) && /showToast$/.test(call.expression.getText()))) return true
      }
      if (ts.isFunctionLike(n)) break
    }
    return false
  }

  it('pages take every state word from the shared constants', () => {
    const words = new Map<string, string>()
    for (const [name, , labels] of WORKFLOWS) for (const [key, word] of Object.entries(labels)) words.set(word, `${name}.${key}`)
    const found: string[] = []
    for (const { rel, source } of FILES) {
      walk(source, (n) => {
        const text = ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : ts.isJsxText(n) ? n.text.trim() : null
        if (text && words.has(text) && !allowed(n, rel, text)) found.push(`${where(rel, n)} '${text}' (use ${words.get(text)})`)
      })
    }
    expect(found).toEqual([])
  })

  it('a list of states (chips, tabs) keeps the order of progress', () => {
    const found: string[] = []
    for (const { rel, source } of FILES) {
      walk(source, (n) => {
        if (!ts.isArrayLiteralExpression(n)) return
        const keys = n.elements.map((e) => {
          if (ts.isStringLiteral(e)) return e.text
          if (ts.isObjectLiteralExpression(e)) {
            const key = e.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'key')
            if (key && ts.isPropertyAssignment(key) && ts.isStringLiteral(key.initializer)) return key.initializer.text
          }
          return null
        })
        if (keys.length < 2 || keys.some((k) => k === null)) return
        const lists = WORKFLOWS.map(([, statuses]) => statuses).filter((s) => keys.every((k) => s.includes(k!)))
        if (!lists.length) return
        const ordered = lists.some((s) => keys.every((k, i) => i === 0 || s.indexOf(k!) > s.indexOf(keys[i - 1]!)))
        if (!ordered) found.push(`${where(rel, n)} [${keys.join(', ')}]`)
      })
    }
    expect(found).toEqual([])
  })
})

describe('buttons', () => {
  /** Rows of buttons side by side (a column of full-width buttons, .nc-actions, puts the primary first). */
  const ROW = /(__buttons|__bar|__footer|elder-actions|served-card__actions|nc-card-actions)\b/
  const tagName = (n: ts.JsxElement | ts.JsxSelfClosingElement) => (ts.isJsxElement(n) ? n.openingElement.tagName : n.tagName).getText()
  const attrs = (n: ts.JsxElement | ts.JsxSelfClosingElement) => (ts.isJsxElement(n) ? n.openingElement.attributes : n.attributes).properties
  const attr = (n: ts.JsxElement | ts.JsxSelfClosingElement, name: string) =>
    attrs(n).find((a): a is ts.JsxAttribute => ts.isJsxAttribute(a) && a.name.getText() === name)
  /** 'primary', 'other', or null when the type is worked out at run time. */
  const kindOf = (button: ts.JsxElement | ts.JsxSelfClosingElement): 'primary' | 'other' | null => {
    const type = attr(button, 'type')
    if (!type || !type.initializer) return 'other'
    if (ts.isStringLiteral(type.initializer)) return type.initializer.text === 'primary' ? 'primary' : 'other'
    return null
  }

  it('in a row of buttons the primary action is on the right', () => {
    const found: string[] = []
    let rows = 0
    for (const { rel, source } of FILES) {
      walk(source, (n) => {
        let row: ts.Node | null = null
        if (ts.isJsxElement(n)) {
          const cls = attr(n, 'className')?.initializer
          if (tagName(n) === 'CardActions' || (cls && ts.isStringLiteral(cls) && ROW.test(cls.text))) row = n
        }
        if (ts.isJsxAttribute(n) && ['footer', 'buttons'].includes(n.name.getText()) && n.initializer) row = n.initializer
        if (!row) return
        const kinds: Array<'primary' | 'other' | null> = []
        walk(row, (b) => {
          if ((ts.isJsxElement(b) || ts.isJsxSelfClosingElement(b)) && tagName(b) === 'NcButton') kinds.push(kindOf(b))
        })
        const known = kinds.filter((k) => k !== null)
        if (known.length < 2) return
        rows++
        const firstPrimary = known.indexOf('primary')
        if (firstPrimary >= 0 && known.slice(firstPrimary).includes('other')) found.push(`${where(rel, row)} ${known.join(' ')}`)
      })
    }
    expect(rows).toBeGreaterThan(5)
    expect(found).toEqual([])
  })
})

describe('dates', () => {
  const CUT = /^(slice|substring|substr)$/
  it('are formatted by utils/format, not by toLocale*String or by cutting a string', () => {
    const found: string[] = []
    for (const { rel, source } of FILES) {
      walk(source, (n) => {
        if (!ts.isPropertyAccessExpression(n)) return
        const name = n.name.text
        if (/^toLocale(Date|Time)?String$/.test(name)) found.push(`${where(rel, n)} ${name}`)
        if (name === 'replace' && ts.isCallExpression(n.parent) && /^['"]T['"]/.test(n.parent.arguments[0]?.getText() ?? ''))
          found.push(`${where(rel, n)} replace('T', …)`)
        if (!CUT.test(name) || !ts.isCallExpression(n.parent)) return
        const [from, to] = n.parent.arguments
        // Cutting 10, 16 or 19 characters off the start: an ISO date or time made into text by hand. utils/format
        // does it once (beijingDay), for everyone.
        if (from?.getText() !== '0' || !to || !['10', '16', '19'].includes(to.getText())) return
        if (rel !== path.join('utils', 'format.ts')) found.push(`${where(rel, n)} ${n.parent.getText()}`)
      })
    }
    expect(found).toEqual([])
  })
})
