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
  // Staff pages load only when staff open them: villagers never download this package.
  subPackages: [
    {
      root: 'staff',
      pages: [
        'pages/login/index',
        'pages/inbox/index',
        'pages/case/index',
        'pages/county/index',
        'pages/alerts/index',
        'pages/record/index',
        'pages/admin/index',
        'pages/admin-accounts/index',
        'pages/admin-audit/index',
        'pages/admin-calendar/index',
        'pages/admin-rules/index',
        'pages/village-staff/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f1ea',
    navigationBarBackgroundColor: '#9b1c1c',
    navigationBarTitleText: '码上监督',
    navigationBarTextStyle: 'white',
  },
});
