export default definePageConfig({
  navigationBarTitleText: '作出承诺'
})
