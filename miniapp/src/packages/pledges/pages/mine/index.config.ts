export default definePageConfig({
  navigationBarTitleText: '我的践诺'
})
