import { WishDetailSchema, WishPageSchema, WishSummaryPageSchema } from '@nuancheng/shared';
import { z } from 'zod';
import { exactShapeCheck } from './exact-shape';

const wish = {
  id: 'w1',
  title: '一台电风扇',
  description: '家中老人夏天怕热',
  category: '家用电器',
  estimatedValueYuan: 120,
  status: 'published',
  beneficiaryMasked: '王**',
  community: { id: 'c1', name: '康都社区' },
  street: { id: 's1', name: '汇丰街道' },
  claimant: null,
  photos: [{ id: 'p1', url: '/api/uploads/p1', thumbnailUrl: '/api/uploads/p1/thumbnail' }],
  publishedAt: '2026-12-01T08:00:00.000Z',
  claimedAt: null,
  fulfilledAt: null,
  confirmedAt: null,
  createdAt: '2026-12-01T07:00:00.000Z',
};
const page = () => ({ items: [structuredClone(wish), { ...structuredClone(wish), id: 'w2', claimant: { kind: 'member', name: '李**' } }], total: 2, page: 1, pageSize: 20 });

/** The property the hook relies on: whenever the check passes, the parse returns the same JSON. */
function agreesWithParse(schema: z.ZodType, value: unknown): boolean {
  const passes = exactShapeCheck(schema)!(value);
  if (passes) expect(JSON.stringify(schema.parse(value))).toBe(JSON.stringify(value));
  return passes;
}

describe('exactShapeCheck', () => {
  it('should pass a wall page built in the contract’s shape, whose parse is the same JSON', () => {
    expect(agreesWithParse(WishPageSchema, page())).toBe(true);
  });

  it('should send anything else to the parse: an extra field, a wrong type, an unknown enum value, a missing field, another key order', () => {
    const extra = page();
    (extra.items[0] as Record<string, unknown>).contactPhone = '13800001234';
    const wrongType = page();
    (wrongType.items[1] as Record<string, unknown>).estimatedValueYuan = '120';
    const badEnum = page();
    (badEnum.items[0] as Record<string, unknown>).status = 'lost';
    const missing = page();
    delete (missing.items[0] as Record<string, unknown>).createdAt;
    const reordered = page();
    const { id, ...rest } = reordered.items[0];
    reordered.items[0] = { ...rest, id };
    const infinite = { ...page(), total: Infinity };
    const dated = page();
    (dated.items[0] as Record<string, unknown>).publishedAt = new Date();
    for (const value of [extra, wrongType, badEnum, missing, reordered, infinite, dated, null, [], 'x']) expect(agreesWithParse(WishPageSchema, value)).toBe(false);
  });

  it('should allow a missing optional field but not an extra one, and check nullable and union members', () => {
    const schema = z.object({ a: z.string(), b: z.number().optional(), c: z.union([z.literal('x'), z.null()]), d: z.boolean().nullable() });
    expect(agreesWithParse(schema, { a: 'a', c: 'x', d: null })).toBe(true);
    expect(agreesWithParse(schema, { a: 'a', b: 1, c: null, d: true })).toBe(true);
    expect(agreesWithParse(schema, { a: 'a', b: 1, c: 'y', d: true })).toBe(false);
    expect(agreesWithParse(schema, { a: 'a', c: 'x', d: null, e: 1 })).toBe(false);
  });

  it('should give up (always parse) on schemas whose parse changes or checks more than types', () => {
    expect(exactShapeCheck(z.object({ a: z.string().default('x') }))).toBeNull();
    expect(exactShapeCheck(z.object({ a: z.string().min(2) }))).toBeNull();
    expect(exactShapeCheck(z.object({ a: z.string().transform((s) => s.trim()) }))).toBeNull();
    expect(exactShapeCheck(z.strictObject({ a: z.string() }))).toBeNull();
    expect(exactShapeCheck(z.object({ a: z.date() }))).toBeNull();
  });

  it('should compile the wish contracts the hot routes answer with', () => {
    for (const schema of [WishPageSchema, WishSummaryPageSchema, WishDetailSchema]) expect(exactShapeCheck(schema)).not.toBeNull();
  });
});
