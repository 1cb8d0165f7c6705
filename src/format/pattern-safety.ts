// Patterns in a format are written by coordinators, and a pattern such as `(a+)+$` takes
// exponential time on a near-miss. JavaScript regexes cannot be interrupted, so lint refuses
// the known-dangerous shapes (a quantified group that itself contains a quantifier or an
// alternation whose branches can match the same text) and formats with them never load.

export type PatternProblem = "invalid" | "exponential" | undefined;

export function patternProblem(pattern: string): PatternProblem {
  try {
    new RegExp(pattern, "u");
  } catch {
    return "invalid";
  }
  return hasNestedQuantifier(pattern) ? "exponential" : undefined;
}

interface Group {
  start: number;
  quantifiedInside: boolean;
  alternation: boolean;
  branches: string[];
  branchStart: number;
}

const isQuantifierAt = (p: string, i: number): number => {
  const ch = p[i];
  if (ch === "*" || ch === "+") return 1;
  if (ch === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    if (m && (m[2] !== undefined && (m[3] === "" || Number(m[3]) > 1))) return m[0].length;
    if (m && Number(m[1]) > 1) return m[0].length;
  }
  return 0;
};

function hasNestedQuantifier(p: string): boolean {
  const stack: Group[] = [];
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      continue;
    }
    if (ch === "(") {
      stack.push({ start: i + 1, quantifiedInside: false, alternation: false, branches: [], branchStart: i + 1 });
      continue;
    }
    if (ch === "|" && stack.length) {
      const g = stack[stack.length - 1]!;
      g.alternation = true;
      g.branches.push(p.slice(g.branchStart, i));
      g.branchStart = i + 1;
      continue;
    }
    if (ch === ")" && stack.length) {
      const g = stack.pop()!;
      g.branches.push(p.slice(g.branchStart, i));
      const q = isQuantifierAt(p, i + 1);
      if (q > 0) {
        if (g.quantifiedInside) return true;
        // (a|a)+ or (a|ab)+: branches that can start the same way make the engine try both.
        if (g.alternation) {
          const heads = g.branches.map((b) => b.replace(/^\?:/, "").slice(0, 1));
          if (new Set(heads).size < heads.length || heads.some((h) => h === "." || h === "\\")) return true;
        }
      }
      // A quantified group counts as a quantifier inside its parent.
      if (stack.length && (q > 0 || g.quantifiedInside)) stack[stack.length - 1]!.quantifiedInside = true;
      continue;
    }
    if (isQuantifierAt(p, i) > 0 && stack.length) stack[stack.length - 1]!.quantifiedInside = true;
  }
  return false;
}
