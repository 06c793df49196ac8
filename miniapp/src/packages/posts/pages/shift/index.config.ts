export default definePageConfig({
  navigationBarTitleText: '登记值守'
})
