export default definePageConfig({ navigationBarTitleText: '权力事项模板' });
