export default definePageConfig({
  navigationBarTitleText: '派单督办'
})
