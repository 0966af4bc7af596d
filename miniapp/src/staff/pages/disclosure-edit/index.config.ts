export default definePageConfig({ navigationBarTitleText: '起草公开' });
