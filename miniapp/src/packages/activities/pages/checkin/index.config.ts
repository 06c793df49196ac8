export default definePageConfig({
  navigationBarTitleText: '签到签退'
})
