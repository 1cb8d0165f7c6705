// A path or word as it must be typed in a printed command: as it is when the shell leaves it
// alone, else in single quotes ("Verder gaan: afstem run mini --formats-dir my fmts --resume
// s p.yaml" failed with 'te veel argumenten'). POSIX shells and PowerShell both read '…'.

const PLAIN = /^[\p{L}\p{N}_./:=@%+,~-]+$/u;

export function shellArg(word: string): string {
  return PLAIN.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
