// A UI driven by lines of text (one answer per line), for scripts and tests: the same calls
// as the terminal UI, without a terminal. Enabled with AFSTEM_UI=lines. End of input stops the
// conversation as Ctrl+C does (InputEnded), so a script that runs dry saves and exits 130
// instead of hanging; the message says the input ended.
import type { Readable, Writable } from "node:stream";
import { InputEnded, looksLikeCommand, takesCommands, type Ui, type UiChoice, type UiItem } from "./types.js";

export class LineReader {
  private buffer = "";
  private lines: string[] = [];
  private waiting?: (line: string | undefined) => void;
  private ended = false;

  constructor(stream: Readable) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      this.buffer += chunk;
      const parts = this.buffer.split(/\r?\n/);
      this.buffer = parts.pop()!;
      this.lines.push(...parts);
      this.flush();
    });
    stream.on("end", () => {
      if (this.buffer) this.lines.push(this.buffer);
      this.buffer = "";
      this.ended = true;
      this.flush();
    });
  }

  private flush(): void {
    if (!this.waiting) return;
    if (this.lines.length) {
      const w = this.waiting;
      this.waiting = undefined;
      w(this.lines.shift());
    } else if (this.ended) {
      const w = this.waiting;
      this.waiting = undefined;
      w(undefined);
    }
  }

  next(): Promise<string | undefined> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.flush();
    });
  }
}

/** Lines from any source (a reader, or an array in tests). */
export type NextLine = () => Promise<string | undefined>;

const onlyOne = <T>(list: T[]): T | undefined => (list.length === 1 ? list[0] : undefined);

export function createLineUi(next: NextLine, out: Pick<Writable, "write">): Ui {
  const say = (t: string) => void out.write(`${t}\n`);
  let saves = 0;
  const read = async (message: string): Promise<string> => {
    say(`? ${message}`);
    const line = await next();
    if (line === undefined) throw new InputEnded();
    return line;
  };
  const pick = <T>(choices: UiItem<T>[], text: string): UiChoice<T> | undefined => {
    const real = choices.filter((c): c is UiChoice<T> => !("separator" in c));
    const t = text.trim();
    // A number is what the person sees: an option named by it ("3 — zeer goed" on a scale),
    // else the n-th option, counted from 1. Never an internal value that happens to be a
    // number (participants are values 0, 1, …: "1" ticked the second person).
    const numbered = /^\d+$/.test(t) ? (real.find((c) => c.name === t || c.name.startsWith(`${t} `)) ?? real[Number(t) - 1]) : undefined;
    return (
      numbered ??
      real.find((c) => c.name.toLowerCase() === t.toLowerCase()) ??
      // "terug" for "← terug": the marks in front of a name are not typed.
      (t ? real.find((c) => c.name.replace(/^[^\p{L}\p{N}:]+/u, "").toLowerCase() === t.toLowerCase()) : undefined) ??
      real.find((c) => String(c.value) === t) ??
      // "nee" picks "nee, klaar": a unique start of a name is enough.
      (t ? onlyOne(real.filter((c) => c.name.toLowerCase().startsWith(t.toLowerCase()))) : undefined)
    );
  };
  return {
    print: say,
    async input(o) {
      for (;;) {
        const line = await read(o.message);
        const value = line === "" && o.default !== undefined ? o.default : line;
        const ok = o.validate ? o.validate(value) : true;
        if (ok === true) return value;
        say(`! ${ok}`);
      }
    },
    async select<T>(o: { message: string; choices: UiItem<T>[]; default?: T; commands?: boolean }) {
      for (;;) {
        const line = await read(o.message);
        if (line === "" && o.default !== undefined) return o.default;
        // Where the runner takes commands, a typed one works as in a text field.
        if (looksLikeCommand(line) && takesCommands(o)) return line.trim() as T;
        const c = pick(o.choices, line === "" ? "1" : line);
        if (c) return c.value;
        say(`! ${line}?`);
      }
    },
    async checkbox<T>(o: { message: string; choices: UiItem<T>[]; validate?: (v: T[]) => true | string; commands?: boolean }) {
      for (;;) {
        const line = await read(o.message);
        const ticked = () => o.choices.filter((c): c is UiChoice<T> => !("separator" in c) && !!c.checked).map((c) => c.value);
        // The command first, then what is ticked (here: as offered), as in the terminal.
        if (looksLikeCommand(line) && takesCommands(o)) return [line.trim() as T, ...ticked()];
        const values = line.trim() === "" ? ticked() : line.trim() === "-" ? [] : line.split(",").map((p) => pick(o.choices, p));
        if (values.some((v) => v === undefined)) {
          say(`! ${line}?`);
          continue;
        }
        const picked = values.map((v) =>
          typeof v === "object" && v !== null && "value" in (v as object) ? (v as UiChoice<T>).value : v,
        ) as T[];
        const ok = o.validate ? o.validate(picked) : true;
        if (ok === true) return picked;
        say(`! ${ok}`);
      }
    },
    async confirm(o) {
      for (;;) {
        const line = (await read(o.message)).trim().toLowerCase();
        if (line === "") return o.default ?? false;
        if (["j", "ja", "y", "yes"].includes(line)) return true;
        if (["n", "nee", "no"].includes(line)) return false;
        say(`! ${line}?`);
      }
    },
    saved() {
      say(`[saved ${++saves}]`);
    },
  };
}
