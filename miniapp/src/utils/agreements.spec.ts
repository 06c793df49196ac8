import { ProposeAgreementSchema } from '../../../shared/src/agreements'
import type { RoleAssignment } from '@nuancheng/shared'
import {
  agreementFormError,
  agreementStatusLabel,
  agreementStatusTone,
  deliveredText,
  daysLeftText,
  beijingToday,
  onePlusNScopes,
  proposerScopes,
  toTerms,
  type AgreementDraft
} from './agreements'
import { linkUrl } from './navigation'

jest.mock('@tarojs/taro', () => ({}))

const draft = (over: Partial<AgreementDraft> = {}): AgreementDraft => ({
  startDate: '2026-12-02',
  endDate: '2028-12-01',
  contactName: '林草联络员',
  contactPhone: '13700009999',
  note: '',
  commitments: [{ category: '绿化美化', description: '补植苗木', quantity: '415', unit: '株' }],
  ...over
})

describe('the agreement form follows the server schema', () => {
  const today = '2026-12-02'
  it('accepts what the server accepts', () => {
    expect(agreementFormError(draft(), today)).toBeNull()
    expect(ProposeAgreementSchema.safeParse({ ...toTerms(draft()), organisationId: 'o', regionId: 'r' }).success).toBe(true)
  })
  it('refuses what the server refuses, naming the field', () => {
    const cases: Array<[Partial<AgreementDraft>, string]> = [
      [{ endDate: '2026-12-01' }, 'endDate'],
      [{ endDate: '2032-12-03' }, 'endDate'],
      [{ contactName: '林' }, 'contactName'],
      [{ contactPhone: '12345' }, 'contactPhone'],
      [{ commitments: [] }, 'commitments'],
      [{ commitments: [{ category: '', description: '补植', quantity: '1', unit: '株' }] }, 'commitment-0'],
      [{ commitments: [{ category: '助学', description: '助学', quantity: '1.5', unit: '人' }] }, 'commitment-0'],
      [
        {
          commitments: [
            { category: '助学', description: '助学金', quantity: '5', unit: '人' },
            { category: '助学', description: '学习用品', quantity: '10', unit: '份' }
          ]
        },
        'commitment-1'
      ]
    ]
    for (const [over, field] of cases) {
      expect(agreementFormError(draft(over), today)?.field).toBe(field)
    }
    const dup = draft(cases[7][0])
    expect(ProposeAgreementSchema.safeParse({ ...toTerms(dup), organisationId: 'o', regionId: 'r' }).success).toBe(false)
    expect(agreementFormError(draft({ startDate: '2026-11-01', endDate: '2026-11-30' }), today)?.message).toBe('协议结束日期不能早于今天')
  })
})

describe('agreement wording', () => {
  it('labels and tones', () => {
    expect(agreementStatusLabel('proposed')).toBe('待会签')
    expect(agreementStatusTone('in_force')).toBe('success')
    expect(agreementStatusLabel('later')).toBe('later')
  })
  it('says what was delivered', () => {
    expect(deliveredText({ services: 0, minutes: 0, valueYuan: 0 })).toBe('尚无服务记录')
    expect(deliveredText({ services: 3, minutes: 150, valueYuan: 50 })).toBe('已服务 3 次 · 2.5 小时 · ¥50')
    expect(deliveredText({ services: 1, minutes: 40, valueYuan: 0 })).toBe('已服务 1 次 · 40 分钟')
    expect(daysLeftText(20)).toBe('剩 20 天')
    expect(daysLeftText(0)).toBe('今天到期')
    expect(daysLeftText(null)).toBeNull()
    expect(beijingToday(new Date('2026-05-19T16:30:00Z'))).toBe('2026-05-20')
  })
  it('finds the scopes from my roles', () => {
    const ra = (role: RoleAssignment['role'], scopeKind: RoleAssignment['scopeKind'], scopeId: string): RoleAssignment => ({
      id: `${role}-${scopeId}`,
      role,
      scopeKind,
      scopeId,
      scopeName: scopeId
    })
    const roles = [
      ra('org_admin', 'organisation', 'u1'),
      ra('street_official', 'region', 's1'),
      ra('community_staff', 'region', 'c1'),
      ra('committee_admin', 'region', 'city')
    ]
    expect(proposerScopes(roles).map((r) => r.scopeId)).toEqual(['u1'])
    expect(onePlusNScopes(roles).map((r) => r.scopeId)).toEqual(['s1', 'c1'])
  })
  it('opens an agreement from a notification link', () => {
    expect(linkUrl({ kind: 'agreement', id: 'a1' })).toBe('/packages/agreements/pages/detail/index?id=a1')
    expect(linkUrl({ kind: 'agreement', id: null })).toBe('/packages/agreements/pages/list/index')
  })
})
