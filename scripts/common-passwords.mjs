#!/usr/bin/env node
// Writes src/modules/auth/common-passwords.txt: passwords people pick first, which guessers try
// first — well-known words and names (English and pinyin), keyboard walks, digit runs, with the
// suffixes people add (123, !, a year, 520/1314…). Only entries of 10+ characters are kept: shorter
// ones are refused by length already. Run `node scripts/common-passwords.mjs` after editing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'src/modules/auth/common-passwords.txt');

const words = `password passw0rd p@ssword p@ssw0rd pass pwd admin administrator root superuser user guest test tester
welcome welcome1 letmein iloveyou loveyou love lover monkey dragon football baseball basketball soccer master sunshine
shadow princess superman batman spiderman trustno1 abc abcd abcdef qwerty qwert asdf asdfgh zxcv zxcvbn hello
hellokitty freedom whatever secret changeme default login access system server database oracle mysql computer
internet google facebook microsoft windows apple samsung iphone android youzhi hospital bank service office
manager company china beijing shanghai guangzhou shenzhen hangzhou nanjing wuhan chengdu tianjin chongqing xian
zhongguo woaini woaini1314 woaiwojia woaimama woaibaba aini aiwo nihao nihaoma wodemima mima mimamima
huawei xiaomi tencent alibaba taobao baidu weixin wechat qqqqqq qq zhangwei wangwei wangfang liwei lina zhangmin
liuyang wangyang zhangjie lijing wangjing liuwei zhangli wangli zhang wang li liu chen yang huang zhao zhou wu xu sun
ma zhu hu guo he lin luo gao zheng liang xie tang han feng dong xiao cao yuan deng xu fu shen zeng peng lv
tiantian xiaoxiao mingming lele huanhuan yangyang beibei jingjing lili feifei dandan pengpeng
jesus michael jennifer jordan charlie thomas daniel george hunter ranger harley maggie buster summer winter
spring autumn orange banana cherry purple yellow silver golden diamond flower angel angels lucky happy
killer pepper ginger cookie cheese coffee chocolate starwars pokemon naruto matrix mustang ferrari porsche
corvette mercedes computer1 qazwsx qazwsxedc 1qaz2wsx 1q2w3e4r 1q2w3e zaq12wsx zaq1xsw2 !qaz2wsx
`.split(/\s+/).filter(Boolean);

const walks = [
  'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertyuiop[]', 'asdfghjkl;', 'qazwsxedcrfv', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv',
  'zaq12wsxcde3', 'qweasdzxc', 'qweasdzxc123', 'qwerasdfzxcv', 'asdfqwer', 'qwer1234', 'asdf1234', 'zxcv1234', '1234qwer',
  '1234asdf', 'q1w2e3r4t5', 'q1w2e3r4t5y6', '1q2w3e4r5t', '1q2w3e4r5t6y', 'a1b2c3d4e5', 'abcd1234', 'abc123456',
  'abcdefghij', 'abcdefghijk', 'abcdefghijklmnop', 'poiuytrewq', 'lkjhgfdsa', 'mnbvcxz', '!@#$%^&*()', '!@#$%^&*',
  'qwerty123456', 'qwertyuiop123', 'asdfghjkl123', 'zxcvbnm123', '1234567890qwerty', 'qwerty12345',
];

const digitRuns = ['1234567890', '0123456789', '9876543210', '0987654321', '12345678910', '123456789a', '1234567890a',
  '123456789abc', '12341234', '123123123', '1231231234', '1122334455', '1234554321', '1357924680', '5201314520',
  '1314520520', '5201314', '1314520', '7758521', '147258369', '159357', '159753', '741852963', '963852741', '123698745',
  '147852369', '987654321', '135792468', '246813579', '666666', '888888', '168168', '518518', '121212', '112233', '520520'];
for (let d = 0; d <= 9; d++) for (const n of [10, 11, 12]) digitRuns.push(String(d).repeat(n));
for (const c of 'abcdefghijklmnopqrstuvwxyz') digitRuns.push(c.repeat(10));

const suffixes = ['', '1', '123', '1234', '12345', '123456', '123456789', '!', '1!', '123!', '@123', '666', '888', '520', '1314', '5201314', 'abc123'];
const years = Array.from({ length: 2030 - 1970 + 1 }, (_, i) => 1970 + i);
// The words people most often put a year after (密码 + year): every year, and with @.
const yearWords = ['password', 'passw0rd', 'p@ssw0rd', 'admin', 'welcome', 'iloveyou', 'woaini', 'qwerty', 'abc', 'abcd', 'china', 'zhongguo', 'beijing', 'shanghai', 'hospital', 'youzhi', 'qwertyuiop', 'asdfghjkl', 'qazwsx', '1qaz2wsx', 'love', 'summer', 'winter', 'spring', 'autumn'];

const all = new Set();
const add = (p) => {
  const lower = p.toLowerCase();
  if (lower.length >= 10 && lower.length <= 64) all.add(lower);
};
for (const w of [...words, ...walks]) {
  for (const s of suffixes) add(w + s);
  add(w + w);
}
for (const w of yearWords) {
  for (const y of years) {
    add(w + y);
    add(`${w}@${y}`);
    add(`${w}${y}!`);
  }
}
for (const r of digitRuns) {
  add(r);
  for (const s of ['', 'a', 'abc', 'qq', '!']) add(r + s);
  for (const w of ['a', 'aa', 'abc', 'qq', 'wang', 'li', 'zhang', 'woaini', 'aini']) add(w + r);
}
for (const y of years) {
  add(`${y}0520${y}`);
  add(`${y}1314520`);
}
fs.writeFileSync(out, `${[...all].sort().join('\n')}\n`);
console.log(`${out}: ${all.size} passwords`);
