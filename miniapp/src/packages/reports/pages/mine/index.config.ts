export default definePageConfig({
  navigationBarTitleText: '我的半年报告'
})
