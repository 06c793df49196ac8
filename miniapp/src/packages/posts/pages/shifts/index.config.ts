export default definePageConfig({
  navigationBarTitleText: '值守确认'
})
