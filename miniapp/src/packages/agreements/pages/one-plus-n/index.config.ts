export default definePageConfig({
  navigationBarTitleText: '1+N 区域共建'
})
