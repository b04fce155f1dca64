import { describe, expect, it } from 'vitest';
import { toOneLine, toTerminalText } from '../../src/cli/terminal-text.js';

describe('toTerminalText', () => {
  it.each([
    ['colours (CSI)', '\u001b[1;31mred\u001b[0m', 'red'],
    ['8-bit CSI', '\u009b2Jcleared', 'cleared'],
    ['a window title (OSC … BEL)', '\u001b]0;pwned\u0007title', 'title'],
    ['a hyperlink (OSC … ST)', '\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['only the introducer of an unterminated OSC', 'ok\u001b]0;rest', 'ok0;rest'],
    ['a device control string', '\u001bPq#0;2;0;0;0\u001b\\after', 'after'],
    ['a terminal reset (ESC c)', '\u001bcreset', 'reset'],
    ['a charset switch (ESC ( 0)', '\u001b(0x\u001b(B', 'x'],
    ['carriage return, backspace, bell, NUL, DEL', 'a\rb\bc\u0007d\u0000e\u007f', 'abcde'],
    ['C1 controls', 'a\u0085b\u0084c\u009d', 'abc'],
  ])('strips %s', (_name, input, expected) => {
    expect(toTerminalText(input)).toBe(expected);
  });

  it('keeps tabs, newlines and ordinary Unicode', () => {
    expect(toTerminalText('a\tb\nc é 漢字 🙂')).toBe('a\tb\nc é 漢字 🙂');
  });
});

describe('toOneLine', () => {
  it('folds a multi-line message and strips controls', () => {
    expect(toOneLine('connect failed\n    at Socket\u001b[31m!\n')).toBe(
      'connect failed at Socket!',
    );
  });
});
