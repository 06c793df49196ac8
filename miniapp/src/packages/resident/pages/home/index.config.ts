export default definePageConfig({
  navigationBarTitleText: '我的微心愿'
})
