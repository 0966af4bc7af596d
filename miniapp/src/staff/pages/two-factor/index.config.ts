export default definePageConfig({ navigationBarTitleText: '两步验证' });
