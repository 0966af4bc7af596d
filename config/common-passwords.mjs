// Generates common-passwords.txt: passwords that staff may not choose because they are among the first
// that anyone guessing tries. Run `node config/common-passwords.mjs` after changing the lists below.
// The list is made of the most common passwords of public leaks (worldwide and Chinese sites), and of
// the patterns they follow (keyboard walks, number runs, 我爱你/1314/520 and names in pinyin with years
// and digits), expanded so that the 12-character minimum cannot be met by stretching one of them.
import { writeFileSync } from 'node:fs';

const TOP = `123456 123456789 12345678 password qwerty123 qwerty 1q2w3e4r 12345 111111 1234567890 123123 000000
1234567 abc123 password1 iloveyou 1qaz2wsx 123321 654321 666666 888888 987654321 5201314 woaini 123qwe
qwertyuiop 123456a a123456 a12345678 aa123456 woaini1314 1314520 520520 147258369 159357 dragon monkey
letmein football baseball sunshine princess admin admin123 welcome master shadow superman michael
trustno1 hello123 passw0rd p@ssw0rd p@ssword zxcvbnm asdfghjkl qazwsxedc 1qazxsw2 zaq12wsx zxcvbn
asdfgh 112233 121212 11223344 789456 789456123 741852963 963852741 147258 159753 5211314 1314521
521521 5201314520 woaini520 iloveyou1314 aini1314 wangyang zhangwei liuyang wangjing lijun zhangli
wangfang liuwei 88888888 66666666 11111111 00000000 12341234 aaaaaa abcdef abcd1234 abc12345 q1w2e3r4
1q2w3e 1qaz2wsx3edc qwe123 qwe123456 qweasd qweasdzxc asd123 zxc123 zxc123456 123abc 123456abc
changeme computer internet whatever freedom starwars charlie jordan23 jennifer hunter2 killer
batman ninja azerty solo secret google mashang mashangjiandu jiwei jijian xinfang cunwei
zhengfu admin888 admin666 root123 test123 guest system manager`;

const PINYIN = `woaini aini wo zhang wang li liu chen yang huang zhao zhou wu xu sun ma zhu hu guo he lin luo
gao zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng
wei su lv ding ren lu yao shen zhong jiang cui tan lu fan jin shi jia xia fu fang zou xiong bai meng qin qiu hou
jiang yin xue yan duan lei long li shi tao he gu mao hao gong shao wan qian yan dai hong
zhangwei wangwei wangfang liwei lina zhangmin lijing wangjing liuwei wangxiuying zhangli lixiuying wangli
zhangjing lijun zhangxiuying liuyang liqiang wangjun wangyong zhangyong liyong zhangjie lijie wangqiang
wanglei zhangjun liyan zhangtao wangtao liming liyang liuming zhanglei chenjing yangyang liuli
xiaoming xiaohong xiaoli xiaoyu xiaowei laopo laogong baobao beibei tiantian dandan lele huanhuan
nihao nihaoma shabi wocao woaiwojia aiqing xingfu kuaile pingan fuqi baby love lovely sweet honey
jiayou fendou zhongguo beijing shanghai anhui hefei qingxi taoyuan dongshan shimen`;

const SUFFIXES = [
  '',
  '1',
  '12',
  '123',
  '1234',
  '12345',
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '520',
  '1314',
  '5201314',
  '521',
  '1314520',
  '13145200',
  '5201314520',
  '520520',
  '888',
  '666',
  '999',
  '000',
  '111',
  '168',
  '188',
  '!',
  '@123',
  '.',
  '!@#',
  '123!',
  '@',
  '#',
  '2020',
  '2021',
  '2022',
  '2023',
  '2024',
  '2025',
  '2026',
  '2027',
];

const KEYBOARD = [
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'qwertyuiopasdfghjkl',
  'asdfghjklzxcvbnm',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx',
  '1qaz2wsx3edc',
  '1qaz2wsx3edc4rfv',
  'qazwsx',
  'qazwsxedc',
  'qazwsxedcrfv',
  'zaq12wsx',
  'zaq1xsw2',
  '1q2w3e4r',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  'q1w2e3r4t5',
  'q1w2e3r4t5y6',
  '1234qwer',
  '1234qwerasdf',
  'qwer1234',
  'asdf1234',
  'zxcv1234',
  'qweasdzxc',
  'qweasdzxc123',
  'poiuytrewq',
  'lkjhgfdsa',
  'mnbvcxz',
  '147852369',
  '123698745',
  '741852963',
  '963852741',
  '159753456',
  '258456',
  '2580',
  '0258',
  '13579',
  '24680',
  '1357924680',
];

const DIGIT_RUNS = ['0123456789', '1234567890', '9876543210', '0987654321', '12345678910', '123456789012', '1234567890123'];

const WORDS = `password admin administrator welcome letmein iloveyou woaini qwerty monkey dragon master shadow sunshine
princess football baseball superman batman abc abcd abcde abcdef abc123 aa a aaa woshishui xiexie zhongguo
jiandu jiwei jijian xinfang mashang cunwei zhenfu xianjiwei zhenjiwei gongzuo bangong`;

const out = new Set();
const add = (p) => {
  const v = p.trim().toLowerCase();
  if (v) out.add(v);
};
const words = (text) => text.split(/\s+/).filter(Boolean);

for (const p of words(TOP)) add(p);
for (const base of [...words(PINYIN), ...words(WORDS), ...KEYBOARD]) {
  for (const suffix of SUFFIXES) {
    add(base + suffix);
    if (suffix && /^\d+$/.test(suffix)) add(suffix + base);
  }
}
// Runs and repeats of digits and letters, up to 20 characters.
for (const run of DIGIT_RUNS) for (let n = 6; n <= run.length; n++) add(run.slice(0, n));
for (let d = 0; d <= 9; d++) for (let n = 6; n <= 20; n++) add(String(d).repeat(n));
for (const c of 'abcdefghijklmnopqrstuvwxyz') for (const n of [6, 8, 10, 12, 14, 16]) add(c.repeat(n));
// A short common password typed twice or three times: 123456123456, abc123abc123, qweqweqweqwe.
for (const p of [...words(TOP), 'qwe', 'asd', 'zxc', 'abc', '123', '520', '1314', 'aini', 'woaini', 'qaz']) {
  add(p + p);
  add(p + p + p);
  add(p + p + p + p);
}
// Names and words with a birth year, or a date of birth: zhangwei1990, wangfang19900101.
for (const base of words(PINYIN)) {
  for (let year = 1950; year <= 2010; year++) add(`${base}${year}`);
  for (const date of ['0101', '0520', '0808', '1001', '1111', '1212', '1314']) add(`${base}19${date}`);
}
// Phone-like and licence-like runs people fall back on.
for (const prefix of ['138', '139', '135', '136', '137', '186', '188', '158', '159', '189']) {
  add(`${prefix}00000000`);
  add(`${prefix}88888888`);
  add(`${prefix}12345678`);
}

const list = [...out].sort();
const header = '# Passwords staff may not choose. Generated by common-passwords.mjs: edit that file, not this one.';
writeFileSync(new URL('./common-passwords.txt', import.meta.url), `${header}\n${list.join('\n')}\n`);
console.log(`common-passwords.txt: ${list.length} passwords`);
