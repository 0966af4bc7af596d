// enablePageMeta: PageFont sets the root font size from the phone's setting (and for 长辈模式).
export default definePageConfig({ navigationBarTitleText: '我的反映', enablePageMeta: true });
