export default definePageConfig({
  navigationBarTitleText: '发布民生实事'
})
