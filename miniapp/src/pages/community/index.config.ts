export default definePageConfig({
  navigationBarTitleText: '社区主页'
})
