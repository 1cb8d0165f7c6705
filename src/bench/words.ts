// Word lists the synthetic corpus combines into Dutch texts. Realistic enough that reports and
// rollups see the lengths, punctuation and characters real sessions have.
import type { Rng } from "./prng.js";

export const SCHOOL_PREFIX = [
  "OBS",
  "CBS",
  "RKBS",
  "IKC",
  "SBO",
  "Het",
  "De",
  "Openbare Basisschool",
  "PCBS",
  "Montessorischool",
  "Jenaplanschool",
  "SO",
  "VSO",
];
export const SCHOOL_NAME = [
  "De Regenboog",
  "De Wegwijzer",
  "Het Zandpad",
  "De Zilvermeeuw",
  "De Vuurtoren",
  "Duinzicht",
  "De Klimop",
  "Het Kompas",
  "De Springplank",
  "De Bolder",
  "Het Anker",
  "De Duinroos",
  "Sint Jozef",
  "De Zeester",
  "Het Palet",
  "De Pijler",
  "Kennemer",
  "De Tjotter",
  "Het Baken",
  "De Hoeksteen",
  "Zeewijk",
  "De Meerpaal",
  "Het Kleurrijk",
  "De Windroos",
  "Velser",
  "De Dolfijn",
  "De Notenbalk",
  "Het Startpunt",
  "Juliana",
  "Beatrix",
  "Willibrord",
  "Oranje Nassau",
  "De Driemaster",
  "De Kieviet",
];
export const VO_NAME = [
  "Het Duinzicht College",
  "Kennemer College",
  "Ichthus Lyceum",
  "Tender College",
  "Gymnasium Felisenum",
  "Technasium IJmond",
  "Bonhoeffer College",
  "Clusius College",
];

export const FIRST = [
  "Anouk",
  "Mehmet",
  "Sanne",
  "Marieke",
  "Joost",
  "Rob",
  "Fatima",
  "Lotte",
  "Youssef",
  "Ingrid",
  "Pieter",
  "Esra",
  "Bram",
  "Noor",
  "Wim",
  "Saskia",
  "Kees",
  "Aïcha",
  "Jeroen",
  "Ilse",
  "Dewi",
  "Ömer",
  "Linda",
  "Gert-Jan",
];
export const LAST = [
  "de Vries",
  "Yılmaz",
  "Bakker",
  "Jansen",
  "van Dijk",
  "Visser",
  "El Amrani",
  "de Boer",
  "Smit",
  "Mulder",
  "de Groot",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "van Leeuwen",
  "Dekker",
  "Brouwer",
  "de Wit",
  "Dijkstra",
  "Çelik",
  "van den Berg",
];

const SUBJECT = [
  "de intern begeleider",
  "het CJG",
  "de jeugdverpleegkundige",
  "Socius/MET",
  "de schoolmaatschappelijk werker",
  "de leerkracht",
  "het samenwerkingsverband",
  "de consulent passend onderwijs",
  "de leerplichtambtenaar",
  "het kernteam",
  "de GGD",
  "de gemeente",
  "het Jeugd- en gezinsteam",
  "de ouders",
  "de zorgcoördinator",
  "de directie",
];
const VERB = [
  "koppelt niet altijd terug",
  "is goed bereikbaar",
  "schuift aan bij het overleg",
  "reageert binnen twee werkdagen",
  "heeft te weinig tijd",
  "kent het aanbod niet goed",
  "denkt vroeg mee",
  "wisselt vaak van contactpersoon",
  "voert samen oudergesprekken",
  "signaleert vroegtijdig",
  "wacht te lang met doorverwijzen",
  "neemt de regie",
];
const CONTEXT = [
  "na een verwijzing naar de jeugd-GGZ",
  "bij dreigend verzuim",
  "tijdens de wachttijd",
  "in het zeswekelijks overleg",
  "bij de overstap naar het VO",
  "rond thuiszitters",
  "bij nieuwkomers",
  "in de onderbouw",
  "bij complexe scheidingen",
  "als ouders geen toestemming geven",
  "bij de warme overdracht",
  "in de eerste weken van het schooljaar",
];
const KNELPUNT = [
  "Wachtlijst jeugd-GGZ van ruim vier maanden",
  "Geen terugkoppeling aan school na verwijzing",
  "Te weinig uren schoolmaatschappelijk werk",
  "Onduidelijk wie de regie heeft bij thuiszitters",
  "Folders van het CJG alleen in het Nederlands",
  "Wisselende contactpersonen bij het kernteam",
  "Leerplicht sluit niet structureel aan",
  "Geen vaste spreekruimte op school",
  "Lange doorlooptijd van een TLV",
  "Ouders haken af na de eerste doorverwijzing",
  "Handelingsadvies voor de leerkracht ontbreekt",
  "Dubbele intake bij CJG en jeugdhulp",
];
const PRACTICE = [
  "Inloopspreekuur jeugdverpleegkundige",
  "Samen oudergesprekken voeren",
  "Weerbaarheidstraining onder schooltijd",
  "Vast zeswekelijks kernteamoverleg",
  "Warme overdracht PO-VO",
  "Koffieochtend voor ouders",
  "Consultatie zonder aanmelding",
  "Gezamenlijke signaleringslijst",
  "Kennismaking kernteam in de teamvergadering",
  "Groepstraining sociale vaardigheden",
  "Korte lijnen via een vaste app-groep",
];
const ASIDE = [
  "zie ook het jaarplan",
  "volgens de IB'er",
  "met toestemming van ouders",
  "in overleg met de directie",
  "zoals vorig jaar afgesproken",
  "vooral in groep 6 t/m 8",
  "geldt voor alle locaties",
  '"graag meekijken" is te vaag',
  "het 'warme' contact werkt",
  "bij <18 jaar & gezin",
  "👍 werkt goed",
  "📅 per periode",
  "score 3/5",
  "R&D met het SWV",
];
const FORMULA = ["=", "+", "-", "@"];

export function personName(rng: Rng): string {
  return `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
}

function sentence(rng: Rng): string {
  let s = `${cap(rng.pick(SUBJECT))} ${rng.pick(VERB)} ${rng.pick(CONTEXT)}`;
  if (rng.chance(0.35)) s += `, ${rng.pick(ASIDE)}`;
  return `${s}.`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Occasionally start a text like a spreadsheet formula, to exercise the CSV guard. */
function maybeFormula(rng: Rng, s: string): string {
  return rng.chance(0.03) ? `${rng.pick(FORMULA)}${s}` : s;
}

/** A few sentences; sometimes with line breaks, quotes, `<&>` or emoji. */
export function longText(rng: Rng, sentences = rng.int(1, 4)): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(rng));
  const sep = rng.chance(0.15) ? "\n" : " ";
  return maybeFormula(rng, parts.join(sep));
}

/** A short phrase: a title, a list item, a knelpunt. */
export function shortText(rng: Rng, kind: "knelpunt" | "practice" | "any" = "any"): string {
  const base =
    kind === "knelpunt"
      ? rng.pick(KNELPUNT)
      : kind === "practice"
        ? rng.pick(PRACTICE)
        : rng.chance(0.5)
          ? rng.pick(KNELPUNT)
          : rng.pick(PRACTICE);
  const s = rng.chance(0.3) ? `${base} (${rng.pick(ASIDE)})` : base;
  return maybeFormula(rng, s);
}

/** A knelpunt with enough words to meet a minLength rule. */
export function knelpuntText(rng: Rng): string {
  return maybeFormula(rng, `${rng.pick(KNELPUNT)} ${rng.pick(CONTEXT)}${rng.chance(0.4) ? `; ${rng.pick(ASIDE)}` : ""}.`);
}
