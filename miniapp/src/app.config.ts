export default defineAppConfig({
  // Main package: entry pages only. Role journeys live in one subpackage per role.
  pages: ['pages/index/index', 'pages/community/index', 'pages/me/index', 'pages/login/index'],
  subPackages: [
    { root: 'packages/resident', name: 'resident', pages: ['pages/home/index', 'pages/post-wish/index'] },
    { root: 'packages/member', name: 'member', pages: ['pages/profile/index'] },
    { root: 'packages/staff', name: 'staff', pages: ['pages/home/index'] },
    { root: 'packages/admin', name: 'admin', pages: ['pages/home/index'] }
  ],
  preloadRule: {
    // A scanned community page leads to posting a wish.
    'pages/community/index': { network: 'all', packages: ['resident'] },
    // 我的 links each role to its workbench.
    'pages/me/index': { network: 'all', packages: ['member', 'staff', 'admin'] }
  },
  lazyCodeLoading: 'requiredComponents',
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f5f5',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '暖城',
    navigationBarTextStyle: 'white'
  },
  tabBar: {
    color: '#8a8a8a',
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
