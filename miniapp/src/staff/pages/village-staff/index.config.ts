export default definePageConfig({ navigationBarTitleText: '村级工作人员' });
