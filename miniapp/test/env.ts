// What Taro's build defines: the tests run the mini program's code paths against a configured API base.
process.env.TARO_ENV = 'weapp';
process.env.TARO_APP_API_BASE = 'https://api.example.test';
