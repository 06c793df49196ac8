export default definePageConfig({
  navigationBarTitleText: '审核服务时长'
})
