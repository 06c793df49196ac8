export default definePageConfig({
  navigationBarTitleText: '党员半年报告'
})
