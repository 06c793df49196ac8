import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ts from 'typescript'

/**
 * Rules that keep zod (90–450 KB) out of the mini-program:
 *  - '@nuancheng/shared' (the index, which builds every zod schema) is imported with `import type` only;
 *  - runtime values (labels, enums, limits, error codes) come from '@nuancheng/shared/constants', and nothing
 *    under shared/src/constants reaches zod, directly or through another file.
 */
const MINIAPP_SRC = path.resolve(__dirname, '../src')
const SHARED_SRC = path.resolve(__dirname, '../../shared/src')
const CONSTANTS_DIR = path.join(SHARED_SRC, 'constants')
const CONSTANTS_ENTRY = '@nuancheng/shared/constants'
const SHARED = /^@nuancheng\/shared(\/|$)/
const ZOD = /^zod(\/|$)/

function sourceFiles(dir: string, withSpecs = false): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full, withSpecs)
    return /\.(ts|tsx)$/.test(entry.name) && (withSpecs || !/\.spec\.ts$/.test(entry.name)) ? [full] : []
  })
}

interface ModuleImport {
  specifier: string
  /** Erased at compile time (`import type`, `export type`): costs nothing at run time. */
  typeOnly: boolean
  text: string
}

/** Every import, re-export, dynamic import() and require() of a file. */
function importsOf(file: string): ModuleImport[] {
  const text = fs.readFileSync(file, 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const found: ModuleImport[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: Boolean(node.importClause?.isTypeOnly), text: node.getText(source) })
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly, text: node.getText(source) })
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false, text: node.getText(source) })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** A relative specifier → the .ts file it names (or null when it names none). */
function resolveRelative(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

const inside = (dir: string, file: string) => !path.relative(dir, file).startsWith('..')

/**
 * Runtime imports of the mini-program that would bundle shared's zod side: the shared index (or any entry
 * other than /constants), or a relative path into shared/src outside constants.
 */
function forbiddenSharedImports(file: string, root = MINIAPP_SRC): string[] {
  return importsOf(file)
    .filter((i) => !i.typeOnly)
    .filter((i) => {
      if (SHARED.test(i.specifier)) return i.specifier !== CONSTANTS_ENTRY
      if (!i.specifier.startsWith('.')) return false
      const target = path.resolve(path.dirname(file), i.specifier)
      return inside(SHARED_SRC, target) && !inside(CONSTANTS_DIR, target)
    })
    .map((i) => `${path.relative(root, file)}: ${i.text}`)
}

/**
 * Follows the runtime imports of `entries` (relative ones, into any file) and returns each way zod or another
 * package is reached, as a chain of files. Constants must be self-contained: no package at all, zod least of all.
 */
function packageReach(entries: string[], root: string): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return
    seen.add(file)
    const here = [...chain, path.relative(root, file)]
    for (const i of importsOf(file)) {
      if (i.typeOnly) continue
      if (i.specifier.startsWith('.')) {
        const target = resolveRelative(file, i.specifier)
        if (target) walk(target, here)
        else problems.push(`${here.join(' → ')}: cannot resolve ${i.specifier}`)
      } else {
        problems.push(`${here.join(' → ')}: imports ${ZOD.test(i.specifier) ? 'zod' : 'a package'} (${i.text})`)
      }
    }
  }
  entries.forEach((e) => walk(e, []))
  return problems
}

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nc-'))

describe('imports from @nuancheng/shared', () => {
  const files = sourceFiles(MINIAPP_SRC)

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10)
  })

  it('take runtime values only from @nuancheng/shared/constants; the index is `import type` only', () => {
    expect(files.flatMap((f) => forbiddenSharedImports(f))).toEqual([])
  })

  it('do use the constants entry (the mini-program keeps no copies of them)', () => {
    const users = files.filter((f) => importsOf(f).some((i) => !i.typeOnly && i.specifier === CONSTANTS_ENTRY))
    expect(users.length).toBeGreaterThan(0)
  })

  it('would catch a value import of the index, a deep entry or a relative path into shared/src', () => {
    const dir = path.join(tmpDir(), 'src')
    fs.mkdirSync(dir)
    const file = path.join(dir, 'x.ts')
    fs.writeFileSync(
      file,
      [
        "import { ROLE_LABELS } from '@nuancheng/shared'",
        "import type { Me } from '@nuancheng/shared'",
        "import { ErrorCode } from '@nuancheng/shared/constants'",
        "import type { Role } from '@nuancheng/shared/constants'",
        "import { WishDetailSchema } from '@nuancheng/shared/wishes'",
        "export * from '@nuancheng/shared'",
        "export type { Page } from '@nuancheng/shared'",
        "const lazy = () => import('@nuancheng/shared')",
        `import { CreateWishSchema } from '${path.relative(dir, path.join(SHARED_SRC, 'wishes'))}'`,
        `import { ROLES } from '${path.relative(dir, path.join(CONSTANTS_DIR, 'roles'))}'`,
        ''
      ].join('\n')
    )
    expect(forbiddenSharedImports(file, dir).map((o) => o.replace(/^x\.ts: /, ''))).toEqual([
      "import { ROLE_LABELS } from '@nuancheng/shared'",
      "import { WishDetailSchema } from '@nuancheng/shared/wishes'",
      "export * from '@nuancheng/shared'",
      "import('@nuancheng/shared')",
      expect.stringContaining('CreateWishSchema')
    ])
  })
})

describe('shared/src/constants', () => {
  const entries = sourceFiles(CONSTANTS_DIR, true)

  it('exists, with an index', () => {
    expect(entries).toContain(path.join(CONSTANTS_DIR, 'index.ts'))
  })

  it('never reaches zod (or any package), directly or through another file', () => {
    expect(packageReach(entries, SHARED_SRC)).toEqual([])
  })

  it('would catch zod reached through another file, and a direct import', () => {
    const dir = tmpDir()
    fs.writeFileSync(path.join(dir, 'index.ts'), "export * from './labels'\nexport type { Schema } from './types'\n")
    fs.writeFileSync(path.join(dir, 'labels.ts'), "import { pageOf } from './errors'\nexport const A = pageOf\n")
    fs.writeFileSync(path.join(dir, 'errors.ts'), "import { z } from 'zod'\nexport const pageOf = z.object\n")
    // Type-only: erased, so allowed.
    fs.writeFileSync(path.join(dir, 'types.ts'), "import type { z } from 'zod'\nexport type Schema = z.ZodTypeAny\n")
    fs.mkdirSync(path.join(dir, 'nested'))
    fs.writeFileSync(path.join(dir, 'nested', 'direct.ts'), "import * as z from 'zod/mini'\nexport const B = z\n")
    const problems = packageReach([path.join(dir, 'index.ts'), path.join(dir, 'nested', 'direct.ts')], dir)
    expect(problems).toEqual([
      expect.stringMatching(/^index\.ts → labels\.ts → errors\.ts: imports zod/),
      expect.stringMatching(/^nested\/direct\.ts: imports zod/)
    ])
  })
})
