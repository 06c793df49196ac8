export default definePageConfig({
  navigationBarTitleText: '拟定共建协议'
})
