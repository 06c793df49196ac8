import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/**
 * Rule: the mini-program imports @nuancheng/shared with `import type` only, so no runtime code (zod)
 * ends up in the bundle. Role labels and other runtime values live in src/utils.
 */
const SHARED = /^@nuancheng\/shared(\/|$)/

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [full] : []
  })
}

function valueImportsOfShared(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const offenders: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && SHARED.test(node.moduleSpecifier.text)) {
      if (!node.importClause?.isTypeOnly) offenders.push(node.getText(source))
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      SHARED.test(node.moduleSpecifier.text) &&
      !node.isTypeOnly
    ) {
      offenders.push(node.getText(source))
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0]) &&
      SHARED.test(node.arguments[0].text)
    ) {
      offenders.push(node.getText(source))
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return offenders.map((o) => `${path.relative(path.resolve(__dirname, '..'), file)}: ${o}`)
}

describe('imports from @nuancheng/shared', () => {
  const files = sourceFiles(path.resolve(__dirname, '../src'))

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10)
  })

  it('are `import type` only', () => {
    expect(files.flatMap(valueImportsOfShared)).toEqual([])
  })

  it('would catch a value import', () => {
    const tmp = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'nc-')), 'x.ts')
    fs.writeFileSync(tmp, "import { ROLE_LABELS } from '@nuancheng/shared'\nimport type { Me } from '@nuancheng/shared'\n")
    expect(valueImportsOfShared(tmp)).toHaveLength(1)
  })
})
