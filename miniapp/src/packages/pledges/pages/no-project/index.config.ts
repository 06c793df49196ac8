export default definePageConfig({
  navigationBarTitleText: '未认领实事的党支部'
})
