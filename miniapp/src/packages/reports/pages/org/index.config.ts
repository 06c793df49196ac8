export default definePageConfig({
  navigationBarTitleText: '机关党组织年度报告'
})
