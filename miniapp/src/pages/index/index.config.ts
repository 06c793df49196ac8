export default definePageConfig({
  navigationBarTitleText: '暖城'
})
