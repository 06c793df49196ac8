import {
  isCommunityCode,
  parseCommunityCode,
  parseCommunityCodeFromScan,
  parseCommunityCodeFromScene,
  parseCommunityCodeFromUrl,
  safeDecode
} from './community-code'

const enc = encodeURIComponent

describe('isCommunityCode', () => {
  it.each(['KDSQ01', 'KD0001', 'abcd', 'A1B2C3D4E5F6'])('accepts %s', (code) => {
    expect(isCommunityCode(code)).toBe(true)
  })
  it.each(['', 'KD', 'KD-001', 'KDSQ01KDSQ01X', '康都社区', 'KD 01', undefined, null, 42])('rejects %p', (code) => {
    expect(isCommunityCode(code)).toBe(false)
  })
})

describe('safeDecode', () => {
  it('decodes once, twice, and stops when stable', () => {
    expect(safeDecode(enc('https://h/qr/c/KDSQ01'))).toBe('https://h/qr/c/KDSQ01')
    expect(safeDecode(enc(enc('https://h/qr/c/KDSQ01')))).toBe('https://h/qr/c/KDSQ01')
    expect(safeDecode('KDSQ01')).toBe('KDSQ01')
  })
  it('leaves malformed escapes alone', () => {
    expect(safeDecode('%E4%ZZ')).toBe('%E4%ZZ')
  })
})

describe('parseCommunityCodeFromUrl', () => {
  it.each([
    ['https://host/qr/c/KD0001', 'KD0001'],
    ['https://host/qr/c/KD0001/', 'KD0001'],
    ['http://localhost/qr/c/KDSQ01', 'KDSQ01'],
    ['https://host/qr/c/KD0001?from=poster', 'KD0001'],
    ['https://host/qr?code=KD0001', 'KD0001'],
    ['https://host/qr/?c=KD0001&x=1', 'KD0001'],
    ['https://host/#/pages/community/index?code=KD0001', 'KD0001'],
    ['KD0001', 'KD0001'],
    [enc('https://host/qr/c/KD0001'), 'KD0001'],
    [enc(enc('https://host/qr?code=KD0001')), 'KD0001']
  ])('%s → %s', (url, code) => {
    expect(parseCommunityCodeFromUrl(url)).toBe(code)
  })

  it.each([
    '',
    undefined,
    null,
    'https://host/',
    'https://host/qr/c/',
    'https://host/qr/c/KD-01',
    'https://host/qr?code=',
    'https://c/whatever',
    'not a url at all'
  ])('%p → null', (url) => {
    expect(parseCommunityCodeFromUrl(url as string)).toBeNull()
  })
})

describe('parseCommunityCodeFromScene', () => {
  it.each([
    ['KDSQ01', 'KDSQ01'],
    ['c=KDSQ01', 'KDSQ01'],
    [enc('c=KDSQ01'), 'KDSQ01'],
    ['code=KDSQ01&src=poster', 'KDSQ01'],
    ['src=poster&c=KDSQ01', 'KDSQ01']
  ])('%s → %s', (scene, code) => {
    expect(parseCommunityCodeFromScene(scene)).toBe(code)
  })
  it.each(['', 'x=1', 'c=', 'c=KD', '%%%'])('%p → null', (scene) => {
    expect(parseCommunityCodeFromScene(scene)).toBeNull()
  })
})

describe('parseCommunityCode (page params)', () => {
  it('prefers code, then scene, then q', () => {
    expect(parseCommunityCode({ code: 'AAAA01', scene: 'BBBB01', q: enc('https://h/qr/c/CCCC01') })).toBe('AAAA01')
    expect(parseCommunityCode({ scene: 'BBBB01', q: enc('https://h/qr/c/CCCC01') })).toBe('BBBB01')
    expect(parseCommunityCode({ q: enc('https://h/qr/c/CCCC01') })).toBe('CCCC01')
  })
  it('falls through an invalid code to scene / q', () => {
    expect(parseCommunityCode({ code: 'x', q: 'https://h/qr/c/CCCC01' })).toBe('CCCC01')
  })
  it('accepts an already-decoded q (H5 router) and an encoded one (WeChat)', () => {
    expect(parseCommunityCode({ q: 'http://localhost/qr/c/KDSQ01' })).toBe('KDSQ01')
    expect(parseCommunityCode({ q: enc('http://localhost/qr/c/KDSQ01') })).toBe('KDSQ01')
  })
  it('returns null when nothing usable is there', () => {
    expect(parseCommunityCode({})).toBeNull()
    expect(parseCommunityCode(undefined)).toBeNull()
    expect(parseCommunityCode({ q: 'https://h/', scene: 'x=1', code: '' })).toBeNull()
  })
})

describe('parseCommunityCodeFromScan', () => {
  it('reads a scanned URL QR code', () => {
    expect(parseCommunityCodeFromScan({ result: 'https://host/qr/c/KDSQ01' })).toBe('KDSQ01')
  })
  it('reads the scene of a scanned 小程序码', () => {
    expect(parseCommunityCodeFromScan({ result: '', path: 'pages/community/index?scene=c%3DKDSQ01' })).toBe('KDSQ01')
    expect(parseCommunityCodeFromScan({ path: 'pages/community/index?scene=KDSQ01' })).toBe('KDSQ01')
  })
  it('returns null for foreign QR codes', () => {
    expect(parseCommunityCodeFromScan({ result: 'https://example.com/some/page' })).toBeNull()
    expect(parseCommunityCodeFromScan({ result: 'WIFI:S:home;T:WPA;P:secret;;' })).toBeNull()
    expect(parseCommunityCodeFromScan(null)).toBeNull()
  })
})
