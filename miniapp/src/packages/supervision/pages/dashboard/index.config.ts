export default definePageConfig({
  navigationBarTitleText: '督导看板',
  enablePullDownRefresh: true
})
