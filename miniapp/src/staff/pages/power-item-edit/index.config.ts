export default definePageConfig({ navigationBarTitleText: '本村权力事项' });
