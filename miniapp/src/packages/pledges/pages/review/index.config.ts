export default definePageConfig({
  navigationBarTitleText: '党员承诺'
})
