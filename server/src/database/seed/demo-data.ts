/**
 * The demo city: 巴彦淖尔市 as in the source article (../shared/seed), with the work committee's units and
 * the personas listed in README.md. Codes are the communities' public QR codes.
 */
export const DEMO_CITY = { name: '巴彦淖尔市', district: '临河区' };

export const DEMO_STREETS: Array<{ name: string; communities: Array<{ name: string; code: string; address: string; servicePhone: string; lat: number; lng: number }> }> = [
  {
    name: '车站街道',
    communities: [
      { name: '西苑二区社区', code: 'XYEQ01', servicePhone: '0478-8123401', address: '临河区车站街道西苑二区', lat: 40.7565, lng: 107.3862 },
      { name: '站前社区', code: 'ZQSQ01', servicePhone: '0478-8123402', address: '临河区车站街道站前路', lat: 40.7602, lng: 107.3951 },
      { name: '铁南社区', code: 'TNSQ01', servicePhone: '0478-8123403', address: '临河区车站街道铁南街', lat: 40.7528, lng: 107.401 },
    ],
  },
  {
    name: '金川街道',
    communities: [
      { name: '江林社区', code: 'JLSQ01', servicePhone: '0478-8234501', address: '临河区金川街道江林小区', lat: 40.7441, lng: 107.4205 },
      { name: '金川社区', code: 'JCSQ01', servicePhone: '0478-8234502', address: '临河区金川街道金川大道', lat: 40.7478, lng: 107.4287 },
      { name: '新华社区', code: 'XHSQ01', servicePhone: '0478-8234503', address: '临河区金川街道新华东街', lat: 40.7503, lng: 107.4152 },
    ],
  },
  {
    name: '汇丰街道',
    communities: [
      { name: '康都社区', code: 'KDSQ01', servicePhone: '0478-8345601', address: '临河区汇丰街道康都小区', lat: 40.7689, lng: 107.4123 },
      { name: '汇丰社区', code: 'HFSQ01', servicePhone: '0478-8345602', address: '临河区汇丰街道汇丰路', lat: 40.7712, lng: 107.4058 },
      { name: '丰泽社区', code: 'FZSQ01', servicePhone: '0478-8345603', address: '临河区汇丰街道丰泽园', lat: 40.7655, lng: 107.4199 },
    ],
  },
];

export const DEMO_WORK_COMMITTEE = '市直机关工委';

/** The 15 units that signed the co-building agreement with 车站街道 (the first five are named in the article). */
export const DEMO_UNITS = [
  '市自然资源局',
  '市地震局',
  '市林草局',
  '市医保局',
  '市人大常委会办公室',
  '市民政局',
  '市教育局',
  '市卫生健康委员会',
  '市财政局',
  '市司法局',
  '市住房和城乡建设局',
  '市人力资源和社会保障局',
  '市生态环境局',
  '市交通运输局',
  '市文化旅游广电局',
];

export const branchName = (unit: string) => `${unit}机关党支部`;

/** Units whose members the demo spreads over; dev:member-01…05 sit in 市地震局's branch (dev:secretary's). */
const MEMBER_UNITS = ['市地震局', '市林草局', '市医保局', '市自然资源局', '市人大常委会办公室', '市民政局'];
const MEMBER_HOMES = ['KDSQ01', 'JLSQ01', 'XYEQ01', 'HFSQ01', 'JCSQ01'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['建国', '晓燕', '志强', '海霞', '文博', '丽娟', '永军', '春梅', '国华', '红英'];

export interface DemoPersona {
  code: string;
  label: string;
  phone?: string;
  member?: { name: string; unit: string; homeCode: string };
  roles?: Array<{ role: 'community_staff' | 'street_official' | 'committee_admin' | 'branch_secretary' | 'org_admin'; region?: string; organisation?: string }>;
}

function demoMembers(): DemoPersona[] {
  return Array.from({ length: 40 }, (_, i) => {
    const n = i + 1;
    const unit = n <= 5 ? '市地震局' : MEMBER_UNITS[n % MEMBER_UNITS.length];
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 3) % GIVEN.length];
    const homeCode = MEMBER_HOMES[i % MEMBER_HOMES.length];
    return {
      code: `dev:member-${String(n).padStart(2, '0')}`,
      label: `在职党员 ${name}（${unit}）`,
      phone: `1390000${String(n).padStart(4, '0')}`,
      member: { name, unit, homeCode },
    };
  });
}

export const DEMO_PERSONAS: DemoPersona[] = [
  { code: 'dev:resident', label: '居民（康都社区）', phone: '13800001234' },
  { code: 'dev:staff', label: '社区工作者（康都社区）', phone: '13800002001', roles: [{ role: 'community_staff', region: 'KDSQ01' }] },
  { code: 'dev:staff-jl', label: '社区工作者（江林社区）', phone: '13800002002', roles: [{ role: 'community_staff', region: 'JLSQ01' }] },
  ...demoMembers(),
  {
    code: 'dev:secretary',
    label: '党支部书记（市地震局机关党支部）',
    phone: '13800003001',
    member: { name: '苏建华', unit: '市地震局', homeCode: 'HFSQ01' },
    roles: [{ role: 'branch_secretary', organisation: branchName('市地震局') }],
  },
  { code: 'dev:org-admin', label: '机关党组织管理员（市林草局）', phone: '13800004001', roles: [{ role: 'org_admin', organisation: '市林草局' }] },
  { code: 'dev:official', label: '街道干部（汇丰街道）', phone: '13800005001', roles: [{ role: 'street_official', region: '汇丰街道' }] },
  {
    code: 'dev:committee',
    label: '工委管理员（巴彦淖尔市）',
    phone: '13800006001',
    roles: [
      { role: 'committee_admin', region: DEMO_CITY.name },
      { role: 'committee_admin', organisation: DEMO_WORK_COMMITTEE },
    ],
  },
];
