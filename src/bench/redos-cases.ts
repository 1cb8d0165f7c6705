// The classic exponential ("evil") regular expressions, each with the character it repeats,
// and endings that make a long run of that character just miss. Shared by the bench
// (redos.ts) and test/format/pattern.test.ts.
export const EVIL: [string, string][] = [
  ["^(a+)+$", "a"],
  ["(a|a)*$", "a"],
  ["(a|aa)+$", "a"],
  ["^(\\w+\\s?)*$", "a"],
  ["^(a*)*$", "a"],
  ["^(a|a?)+$", "a"],
  ["^([a-zA-Z]+ ?)+$", "x"],
  ["^([a-z0-9]+\\.?)+@school\\.nl$", "a"],
  ["^(.*a){12}$", "a"],
  ["^(\\d+)*[a-z]$", "1"],
];
export const ENDINGS = ["!", "#", " !", "\u00e9!", "\n", "!a"];
