export default definePageConfig({
  navigationBarTitleText: '本支部实事与承诺'
})
