export default definePageConfig({ navigationBarTitleText: '公开事项' });
