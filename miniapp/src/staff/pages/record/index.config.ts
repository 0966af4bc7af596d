export default definePageConfig({ navigationBarTitleText: '登记来信来访' });
