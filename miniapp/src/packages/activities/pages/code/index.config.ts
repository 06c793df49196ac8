export default definePageConfig({
  navigationBarTitleText: '签到码',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black'
})
