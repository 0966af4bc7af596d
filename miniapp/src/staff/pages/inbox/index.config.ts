export default definePageConfig({ navigationBarTitleText: '待办反映' });
