// enablePageMeta: PageFont sets the root font size from the phone's setting (and for 长辈模式).
export default definePageConfig({ navigationBarTitleText: '隐私说明', enablePageMeta: true });
