export default definePageConfig({ navigationBarTitleText: '本村权力清单' });
