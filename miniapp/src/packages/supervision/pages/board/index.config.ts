export default definePageConfig({
  navigationBarTitleText: '件件有着落',
  enablePullDownRefresh: true
})
