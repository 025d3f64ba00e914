/**
 * `npm run bench:draft`: drafts every article that has a curated timeline and compares the drafted
 * status changes with it. A drafted change matches a curated event when the thing, the state and the
 * date (at the curated event's precision) agree; whether both call it a change, `still` or
 * `expected` is counted apart. Prints precision and recall per base and pooled, the time per
 * article, and whether every drafted sentence is found verbatim in its paragraph.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadKnowledgeBase } from "../src/knowledge/loadBase.ts";
import { readArticle } from "../src/news/article.ts";
import { BaseReader, type DraftChange, draftArticle } from "../src/news/draft.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = path.resolve(ROOT, "..", "shared");

interface Case {
  label: string;
  base: string;
  articles: string[];
}

function cases(): Case[] {
  const out: Case[] = [];
  const seeds = path.join(SHARED, "seeds");
  if (existsSync(seeds))
    out.push({
      label: "kyiv (seeds)",
      base: path.join(ROOT, "knowledge"),
      articles: readdirSync(seeds)
        .filter((f) => f.endsWith(".txt"))
        .map((f) => path.join(seeds, f)),
    });
  for (const root of [path.join(SHARED, "eval", "bases"), path.join(ROOT, "tests", "fixtures", "bases")]) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      const dir = path.join(root, name, "articles");
      if (!existsSync(dir)) continue;
      const articles = readdirSync(dir)
        .filter((f) => f.endsWith(".txt"))
        .map((f) => path.join(dir, f));
      if (articles.length > 0) out.push({ label: name, base: path.join(root, name), articles });
    }
  }
  return out;
}

interface Score {
  drafted: number;
  matched: number;
  curated: number;
  found: number;
  typeAgrees: number;
  verbatimMisses: number;
  ms: number;
  articles: number;
}

const verbose = process.argv.includes("--verbose");
/** `--base hospitals,ports`: only the bases so labelled. */
const only = (() => {
  const at = process.argv.indexOf("--base");
  const list = at >= 0 ? process.argv[at + 1] : undefined;
  return list ? new Set(list.split(",")) : undefined;
})();

function run(): void {
  const rows: Array<{ label: string; score: Score }> = [];
  for (const c of cases()) {
    if (only && !only.has(c.label)) continue;
    const loaded = loadKnowledgeBase(c.base);
    if (!loaded.ok) {
      console.log(`${c.label}: the base does not load (${loaded.problems[0]?.message}); skipped`);
      continue;
    }
    const base = loaded.base;
    const reader = new BaseReader(base);
    const score: Score = {
      drafted: 0,
      matched: 0,
      curated: 0,
      found: 0,
      typeAgrees: 0,
      verbatimMisses: 0,
      ms: 0,
      articles: 0,
    };
    const drafted: DraftChange[] = [];
    const keys = new Set<string>();
    for (const file of c.articles) {
      const bytes = readFileSync(file);
      const start = process.hrtime.bigint();
      const article = readArticle(bytes, { name: path.basename(file) });
      const draft = draftArticle(article, reader);
      score.ms += Number(process.hrtime.bigint() - start) / 1e6;
      score.articles++;
      for (const item of [...draft.changes, ...draft.facts]) {
        const paragraph = article.paragraphs.find((p) => p.n === item.paragraph);
        if (!paragraph?.text.includes(item.sentence)) score.verbatimMisses++;
      }
      for (const change of draft.changes) {
        const key = `${change.entity}|${change.state}|${change.effective.date.slice(0, 10)}`;
        if (keys.has(key)) continue;
        keys.add(key);
        drafted.push(change);
      }
    }
    const curated = [...base.timelines].flatMap(([entity, events]) =>
      events.map((event) => ({ entity, event, used: false })),
    );
    score.curated = curated.length;
    score.drafted = drafted.length;
    for (const change of drafted) {
      const hit = curated.find(
        (c) =>
          !c.used &&
          c.entity === change.entity &&
          c.event.state === change.state &&
          sameAtPrecision(change.effective, c.event.effective),
      );
      if (hit) {
        hit.used = true;
        score.matched++;
        if (hit.event.type === change.type) score.typeAgrees++;
      } else if (verbose)
        console.log(
          `  ${c.label} extra: ${change.entity} ${change.type} ${change.state} ${change.effective.date} ¶${change.paragraph}: ${change.sentence}`,
        );
    }
    score.found = curated.filter((c) => c.used).length;
    if (verbose)
      for (const miss of curated.filter((x) => !x.used))
        console.log(
          `  ${c.label} missed: ${miss.entity} ${miss.event.type} ${miss.event.state} ${miss.event.effective.date} (${miss.event.source.id})`,
        );
    rows.push({ label: c.label, score });
  }
  const pooled = rows.reduce<Score>(
    (sum, { score }) => {
      for (const key of Object.keys(sum) as (keyof Score)[]) sum[key] += score[key];
      return sum;
    },
    { drafted: 0, matched: 0, curated: 0, found: 0, typeAgrees: 0, verbatimMisses: 0, ms: 0, articles: 0 },
  );
  const line = (label: string, s: Score) =>
    `${label.padEnd(20)} ${fmt(s.matched, s.drafted)} ${fmt(s.found, s.curated)}   ${String(s.matched).padStart(3)}/${String(s.drafted).padEnd(3)} ${String(s.found).padStart(3)}/${String(s.curated).padEnd(3)}  ${fmt(s.typeAgrees, s.matched)}  ${(s.ms / Math.max(1, s.articles)).toFixed(1).padStart(7)}  ${s.verbatimMisses}`;
  console.log(
    "base                 precision recall  matched   found   type-agrees  ms/article  not-verbatim",
  );
  for (const { label, score } of rows) console.log(line(label, score));
  console.log(line("pooled", pooled));
  const worst = rows.reduce((min, r) => Math.min(min, r.score.matched / Math.max(1, r.score.drafted)), 1);
  console.log(
    `targets: pooled precision >= 0.9 (${fmt(pooled.matched, pooled.drafted).trim()}), recall >= 0.8 (${fmt(pooled.found, pooled.curated).trim()}), no base under 0.8 precision (lowest ${worst.toFixed(2)}); drafted sentences not verbatim in their paragraph: ${pooled.verbatimMisses}`,
  );
}

function fmt(n: number, d: number): string {
  return (d === 0 ? "  -  " : (n / d).toFixed(2)).padStart(9);
}

const RANK: Record<string, number> = { year: 0, month: 1, day: 2, hour: 3, minute: 4 };
const LENGTH: Record<string, number> = { year: 4, month: 7, day: 10, hour: 13, minute: 16 };

/**
 * Whether a drafted date names the curated one at the curated precision: "2025-02-10T05:00" matches
 * "2025-02-10" at day, and "2025-02-10T05" or "2025-02-10T05:00" at hour (the schema writes an hour
 * either way); a drafted date coarser than the curated one matches nothing. A curated range
 * ("between 10 and 14 May", `until`) is matched by any date in it.
 */
export function sameAtPrecision(
  drafted: { date: string; precision: string },
  curated: { date: string; precision: string; until?: string | undefined },
): boolean {
  if ((RANK[drafted.precision] ?? 0) < (RANK[curated.precision] ?? 0)) return false;
  const length = LENGTH[curated.precision] ?? 10;
  const date = drafted.date.slice(0, length);
  const from = curated.date.slice(0, length);
  return curated.until === undefined ? date === from : date >= from && date <= curated.until.slice(0, length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) run();
