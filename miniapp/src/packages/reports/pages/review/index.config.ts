export default definePageConfig({
  navigationBarTitleText: '党员报告审核'
})
