import { describe, expect, it } from '@jest/globals';
import { passwordProblem, temporaryPassword } from './passwords.js';

describe('the password policy', () => {
  it('accepts a long password of one’s own', () => {
    expect(passwordProblem('青山绿水村村通公路2026', 'taoyuan')).toBeNull();
    expect(passwordProblem('correct horse battery staple', 'taoyuan')).toBeNull();
  });

  it.each([
    ['too short', 'Ab3$efgh', '密码至少12个字符'],
    ['the username inside', 'my-taoyuan-password', '密码不能包含用户名'],
    ['the username in capitals', 'TAOYUAN2026spring', '密码不能包含用户名'],
    ['a common Chinese password', 'woaini1314520', '这个密码太常见，很容易被猜到，请换一个'],
    ['a keyboard walk', '1qaz2wsx3edc', '这个密码太常见，很容易被猜到，请换一个'],
    ['a common one with punctuation added', 'qwertyuiop123!!', '这个密码太常见，很容易被猜到，请换一个'],
    ['a name and a birth year', 'zhangwei1990', '这个密码太常见，很容易被猜到，请换一个'],
    ['one character over and over', 'aaaaaaaaaaab', '密码里的字符太单一，请混用不同的字母和数字'],
  ])('refuses %s', (_, password, problem) => {
    expect(passwordProblem(password, 'taoyuan')).toBe(problem);
  });

  it('makes temporary passwords that the policy accepts', () => {
    for (let i = 0; i < 500; i++) {
      const password = temporaryPassword('abc');
      expect(passwordProblem(password, 'abc')).toBeNull();
      expect(password).toMatch(/^[a-hjkmnp-z2-9]{14}$/);
    }
  });
});
