// The one message catalogue: afstem's own words by key, in Dutch (messages/nl.ts) and English
// (messages/en.ts, typed against the Dutch: a missing or extra key fails the build). Texts
// from format files (questions, help) are not here: they come through tr() in lang.ts.
import type { Lang } from "../format/types.js";
import { getLang } from "./lang.js";
import { nl, type MessageKey } from "./messages/nl.js";
import { en } from "./messages/en.js";

export type { MessageKey };

const CATALOGUES = { nl, en } as const;

/** The text for `key` in `lang` (the invocation's language when not given). */
export function msg(key: MessageKey, lang: Lang = getLang()): string {
  return CATALOGUES[lang][key];
}
