export default definePageConfig({
  navigationBarTitleText: '心愿详情',
  // 转发 in the page menu: a public wish goes to a chat as a card (useShareAppMessage sets its title and path).
  enableShareAppMessage: true
})
