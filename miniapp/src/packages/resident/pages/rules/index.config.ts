export default definePageConfig({
  navigationBarTitleText: '敏感个人信息处理规则'
})
