export default definePageConfig({ navigationBarTitleText: '全县办理情况' });
