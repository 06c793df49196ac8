#!/usr/bin/env node
// Package sizes of the weapp build (run after `taro build --type weapp`).
// Main package = every file in dist/weapp outside the subpackage roots listed in app.json.
// Exits 1 when the main package exceeds MAX_MAIN_BYTES (600 KB, issue 12: a fast first open; WeChat's hard limit is 2 MB).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const MAX_MAIN_BYTES = 600 * 1024
const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.resolve(here, '..', process.argv[2] ?? 'dist/weapp')

const appJsonPath = path.join(dist, 'app.json')
if (!fs.existsSync(appJsonPath)) {
  console.error(`✖ ${path.relative(process.cwd(), appJsonPath)} not found: run \`taro build --type weapp\` first.`)
  process.exit(2)
}
const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'))
const roots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((p) => ({
  name: p.name ?? p.root,
  root: p.root.replace(/^\/+|\/+$/g, '')
}))

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? walk(full) : [full]
  })
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
let main = 0
let total = 0
const sub = new Map(roots.map((r) => [r.root, 0]))
for (const file of walk(dist)) {
  const size = fs.statSync(file).size
  const rel = path.relative(dist, file).split(path.sep).join('/')
  total += size
  const owner = roots.find((r) => rel === r.root || rel.startsWith(`${r.root}/`))
  if (owner) sub.set(owner.root, sub.get(owner.root) + size)
  else main += size
}

console.log(`weapp package sizes (${path.relative(process.cwd(), dist) || dist})`)
console.log(`  main      ${kb(main).padStart(10)}  (limit ${kb(MAX_MAIN_BYTES)})`)
for (const r of roots) console.log(`  ${r.name.padEnd(9)} ${kb(sub.get(r.root)).padStart(10)}  ${r.root}/`)
console.log(`  total     ${kb(total).padStart(10)}`)

if (main > MAX_MAIN_BYTES) {
  console.error(`✖ main package is ${kb(main)}, over the ${kb(MAX_MAIN_BYTES)} budget: move pages or code into subpackages.`)
  process.exit(1)
}
console.log('✔ main package within budget')
