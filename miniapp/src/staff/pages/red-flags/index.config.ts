export default definePageConfig({ navigationBarTitleText: '大数据比对' });
