export default defineAppConfig({
  // Main package: entry pages only. Role journeys live in one subpackage per role.
  pages: ['pages/index/index', 'pages/community/index', 'pages/me/index', 'pages/login/index'],
  subPackages: [
    // Pages every role opens: a wish's detail (notification links point here) and 消息.
    { root: 'packages/wish', name: 'wish', pages: ['pages/detail/index', 'pages/notifications/index', 'pages/resubmit/index'] },
    // 页面不存在: where an unknown route lands (App's usePageNotFound).
    { root: 'packages/misc', name: 'misc', pages: ['pages/not-found/index'] },
    {
      root: 'packages/resident',
      name: 'resident',
      pages: ['pages/home/index', 'pages/post-wish/index', 'pages/privacy/index', 'pages/consents/index', 'pages/rules/index']
    },
    {
      root: 'packages/member',
      name: 'member',
      pages: ['pages/profile/index', 'pages/wall/index', 'pages/claims/index', 'pages/register/index', 'pages/ledger/index']
    },
    { root: 'packages/staff', name: 'staff', pages: ['pages/home/index', 'pages/review/index', 'pages/registrations/index', 'pages/qrcode/index'] },
    // 一党员一践诺 (the member's 我的践诺, every role's pledge page) and 一支部一实事 (a branch's page, the committee's list).
    {
      root: 'packages/pledges',
      name: 'pledges',
      pages: ['pages/mine/index', 'pages/form/index', 'pages/detail/index', 'pages/review/index', 'pages/branch/index', 'pages/no-project/index']
    },
    // 党员服务岗位: posts, my post and shifts (members), publishing and shift confirmation (community staff).
    {
      root: 'packages/posts',
      name: 'posts',
      pages: ['pages/list/index', 'pages/detail/index', 'pages/edit/index', 'pages/mine/index', 'pages/shift/index', 'pages/shifts/index']
    },
    // 志愿服务活动: members' list, detail and check-in; organisers' publish, code, attendance, manual entry, hours review.
    {
      root: 'packages/activities',
      name: 'activities',
      pages: [
        'pages/list/index',
        'pages/detail/index',
        'pages/checkin/index',
        'pages/publish/index',
        'pages/code/index',
        'pages/attendance/index',
        'pages/manual/index',
        'pages/review/index'
      ]
    },
    {
      root: 'packages/admin',
      name: 'admin',
      pages: [
        'pages/home/index',
        'pages/overdue/index',
        'pages/dispatch/index',
        'pages/dispatches/index',
        'pages/projects/index',
        'pages/project-post/index'
      ]
    },
    // 共建协议 and 1+N: org admins, street officials, community staff, committee admins.
    {
      root: 'packages/agreements',
      name: 'agreements',
      pages: ['pages/list/index', 'pages/propose/index', 'pages/detail/index', 'pages/one-plus-n/index']
    },
    // 审计日志: city-level committee admins search who did what, and every read of personal data.
    { root: 'packages/audit', name: 'audit', pages: ['pages/list/index'] },
    // 双报告: member reports, the secretary's review, the streets' assessments, certificates and their public check.
    {
      root: 'packages/reports',
      name: 'reports',
      pages: [
        'pages/mine/index',
        'pages/report/index',
        'pages/review/index',
        'pages/served/index',
        'pages/certificate/index',
        'pages/verify/index',
        'pages/org/index',
        'pages/org-report/index'
      ]
    },
    // 调度督导: the 件件有着落 board, the dashboard (charts: @antv/f2, only here) and exports, for street officials and committee admins.
    { root: 'packages/supervision', name: 'supervision', pages: ['pages/board/index', 'pages/dashboard/index', 'pages/exports/index'] }
  ],
  preloadRule: {
    // A scanned community page leads to posting a wish or opening one from the wall.
    'pages/community/index': { network: 'all', packages: ['resident', 'wish'] },
    // 我的 links each role to its workbench, and to 消息.
    'pages/me/index': { network: 'all', packages: ['wish', 'member', 'staff', 'admin'] }
  },
  lazyCodeLoading: 'requiredComponents',
  // WeChat's privacy-authorization flow: before phone, location, album or camera APIs it asks the page through
  // wx.onNeedPrivacyAuthorization (components/PrivacyGate.tsx shows our sheet and answers).
  __usePrivacyCheck__: true,
  // Check-in reads the phone's location once (Taro.getLocation, gcj02): declared, with the reason WeChat shows.
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于志愿服务活动签到时确认您在活动现场' }
  },
  window: {
    // WeChat draws its own bar on weapp ('default' is its default). On H5 this turns on Taro's bar: a back control
    // on every non-tab page, or home when the page was the entry (a scanned /qr/c/… link), none on the tabs.
    navigationStyle: 'default',
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f5f5',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '暖城',
    navigationBarTextStyle: 'white'
  },
  tabBar: {
    color: '#6b6b6b',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab-home.png',
        selectedIconPath: 'assets/tab-home-active.png'
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab-me.png',
        selectedIconPath: 'assets/tab-me-active.png'
      }
    ]
  }
})
