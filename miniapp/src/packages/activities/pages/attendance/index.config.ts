export default definePageConfig({
  navigationBarTitleText: '现场名单'
})
