export default definePageConfig({
  navigationBarTitleText: '发布微心愿'
})
