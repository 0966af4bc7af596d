export default defineAppConfig({
  pages: [
    'pages/village/index',
    'pages/power-item/index',
    'pages/disclosures/index',
    'pages/disclosure/index',
    'pages/report/index',
    'pages/receipt/index',
    'pages/lookup/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f1ea',
    navigationBarBackgroundColor: '#9b1c1c',
    navigationBarTitleText: '码上监督',
    navigationBarTextStyle: 'white',
  },
});
