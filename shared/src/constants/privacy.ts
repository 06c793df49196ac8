/** The word a resident types to delete their account (PIPL): the server checks it, the page asks for it. */
export const DELETE_ACCOUNT_CONFIRM = '注销';

/**
 * What a resident may agree to, one scope at a time (PIPL art. 14, 29): their phone number, their location at
 * check-in, photos they pick, and sensitive information (hardship, health, a child's details) in a wish.
 */
export const CONSENT_SCOPES = ['phone', 'location', 'photos', 'sensitive'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const CONSENT_SCOPE_LABELS: Record<ConsentScope, { label: string; purpose: string }> = {
  phone: { label: '手机号', purpose: '绑定手机号，用于社区联系您、确认您的身份' },
  location: { label: '位置信息', purpose: '志愿服务活动签到、签退时确认您在活动现场，只读取一次，不持续追踪' },
  photos: { label: '照片', purpose: '您选择上传的心愿、活动照片，仅用于展示和核实' },
  sensitive: { label: '敏感个人信息', purpose: '心愿中的困难情况、健康状况、未满 14 周岁受助人及监护人信息，仅社区工作人员可见' },
};

export const CONSENT_DECISIONS = ['granted', 'withdrawn'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

/** How a scope stands for a person: agreed, withdrawn after agreeing, or never asked. */
export const CONSENT_STATE_LABELS = { granted: '已同意', withdrawn: '已撤回', none: '未授权' } as const;

/**
 * The privacy notice (《暖城隐私保护指引》) in force. Bump `version` and `effectiveDate` whenever the wording
 * changes: consents given to an older version no longer count and the app asks again.
 */
export const PRIVACY_NOTICE = {
  version: '2026-12-v1',
  title: '暖城隐私保护指引',
  effectiveDate: '2026-12-01',
  sections: [
    { title: '我们收集什么', body: '微信身份标识、您绑定的手机号、签到时的位置、您选择上传的照片，以及您在心愿中填写的受助人信息。' },
    { title: '用来做什么', body: '只用于社区心愿认领、党员服务和志愿活动签到；不用于营销，不向无关的第三方提供。' },
    { title: '谁能看到', body: '受助人姓名、电话、困难情况只给本社区工作人员和认领人按需查看；公开页面只显示“王**”。' },
    { title: '保存多久', body: '心愿结束一段时间后，受助人信息自动匿名化；您可以随时下载自己的数据或注销账号。' },
    { title: '您的权利', body: '您可以随时撤回同意（撤回不影响撤回前的处理），撤回后相关功能需要再次同意才能使用。' },
  ],
} as const;
