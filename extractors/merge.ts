import type { EntityType } from './entities.js';
import { LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';

/**
 * Knowledge-base-wide entity merging. Each document's extractors give an entity a key from its own evidence (a
 * gazetteer id, a full name); across documents the same entity still appears under several keys: "Kaspersky Lab, Inc."
 * and "Kaspersky", "Dušan Navrátil" and "Dusan Navratil", "Brian E. Nelson" and "Brian Nelson". Merging links such
 * keys by explicit rules, each link stored with its rule and evidence, and never joins two listed (gazetteer)
 * entities or two people whose first names or middle initials differ.
 */

/** Why two stored entities are one. */
export type MergeRule = 'spelling' | 'middle-name' | 'company-name' | 'acronym';

/** A stored entity as the merge rules see it. */
export interface MergeCandidate {
  id: string;
  type: EntityType;
  name: string;
  acronym: string | null;
  country: string | null;
  /** From a gazetteer: its identity is given, so two listed entities are never merged. */
  listed: boolean;
  /** Documents that mention it: the best-attested member names a cluster. */
  documents: number;
}

/** One merged entity: which cluster it joined (`canonicalId`), through which member (`viaId`), by which rule. */
export interface MergeLink {
  entityId: string;
  canonicalId: string;
  viaId: string;
  rule: MergeRule;
  evidence: string;
}

const PACKS = PACK_LANGUAGES.map((code) => LANGUAGE_PACKS[code]);
const SPELLING_FOLDS = new Map(PACKS.flatMap((p) => Object.entries(p.merge.MERGE_WORDS.spellingFolds)));
const FOLDABLE = new RegExp(`[${[...SPELLING_FOLDS.keys()].join('')}]`, 'gu');
const LEGAL_PREFIXES = new Set(
  PACKS.flatMap((p) => p.organizations.ORGANIZATION_WORDS.legalPrefixes).map((w) => fold(w)),
);
const LEGAL_SUFFIXES = new Set(
  PACKS.flatMap((p) => p.organizations.ORGANIZATION_WORDS.legalSuffixes).map((w) => fold(w)),
);
const DESCRIPTORS = new Set(PACKS.flatMap((p) => p.merge.MERGE_WORDS.companyDescriptors).map((w) => fold(w)));

/** Lowercase words without accents or punctuation: "Dušan Navrátil" → "dusan navratil". */
function fold(name: string, transliterate = false): string {
  let s = name.normalize('NFC').toLowerCase();
  if (transliterate && SPELLING_FOLDS.size > 0) s = s.replace(FOLDABLE, (c) => SPELLING_FOLDS.get(c) ?? c);
  return (
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .match(/[\p{L}\p{N}&]+/gu) ?? []
  ).join(' ');
}

/**
 * A company's name without trailing descriptors, and its legal forms: "Kaspersky Lab" → "kaspersky";
 * "AO Kaspersky Lab" → "kaspersky" with "ao". A legal form names one registered company, so "AO Kaspersky Lab" and
 * "Kaspersky Labs Limited" stay two (a parent and its UK subsidiary), and neither is merged with the bare brand.
 */
function companyName(name: string): { core: string; legalForms: string[] } {
  const words = fold(name).split(' ');
  const suffixWords = [...LEGAL_SUFFIXES].map((s) => s.split(' '));
  const legalForms: string[] = [];
  let changed = true;
  while (changed && words.length > 1) {
    changed = false;
    if (LEGAL_PREFIXES.has(words[0]!)) {
      legalForms.push(words.shift()!);
      changed = true;
      continue;
    }
    for (const suffix of suffixWords) {
      if (suffix.length < words.length && suffix.every((w, i) => words[words.length - suffix.length + i] === w)) {
        legalForms.push(words.splice(words.length - suffix.length).join(' '));
        changed = true;
        break;
      }
    }
    if (!changed && DESCRIPTORS.has(words[words.length - 1]!)) {
      words.pop();
      changed = true;
    }
  }
  return { core: words.join(' '), legalForms: legalForms.sort() };
}

interface Keyed {
  rule: MergeRule;
  key: string;
  explain: (a: MergeCandidate, b: MergeCandidate) => string;
}

/** The keys under which one entity meets its variants; entities of one type that share a key are linked. */
function mergeKeys(c: MergeCandidate): Keyed[] {
  const keys: Keyed[] = [];
  const spelling = (key: string): Keyed => ({
    rule: 'spelling',
    key,
    explain: (a, b) =>
      `"${a.name}" and "${b.name}" are the same name once accents${SPELLING_FOLDS.size ? ', umlauts' : ''} and punctuation are folded`,
  });
  keys.push(spelling(fold(c.name)), spelling(fold(c.name, true)));
  if (c.type === 'organization') {
    const { core, legalForms } = companyName(c.name);
    const form = legalForms.length > 0 ? `, legal form ${legalForms.join(' ')}` : ', no legal form';
    if (core.replace(/ /g, '').length >= 2)
      keys.push({
        rule: 'company-name',
        key: `${core}|${legalForms.join(' ')}`,
        explain: (a, b) =>
          `"${a.name}" and "${b.name}" are the company "${core}"${form}, with descriptors such as "Lab" or "Group" left out`,
      });
  }
  if (c.type === 'agency' && c.acronym && c.country) {
    keys.push({
      rule: 'acronym',
      key: `${c.country}:${c.acronym}`,
      explain: (a, b) => `"${a.name}" and "${b.name}" have the acronym ${c.acronym} in the same country (${c.country})`,
    });
  }
  return keys;
}

/** First and last name, and the initial of any middle names: "Brian E. Nelson" → ["brian nelson", "e"]. */
function personParts(name: string): { core: string; middle: string } | null {
  const words = fold(name, true).split(' ');
  if (words.length < 2) return null;
  return {
    core: `${words[0]} ${words[words.length - 1]}`,
    middle: words
      .slice(1, -1)
      .map((w) => w[0])
      .join(''),
  };
}

class Clusters {
  private readonly parent: number[];
  private readonly listed: boolean[];
  constructor(candidates: readonly MergeCandidate[]) {
    this.parent = candidates.map((_, i) => i);
    this.listed = candidates.map((c) => c.listed);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]!]!;
    return i;
  }
  /** Joins two clusters unless each already holds a listed entity: two gazetteer entries are two entities. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb || (this.listed[ra] && this.listed[rb])) return false;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[child] = root;
    this.listed[root] = this.listed[root]! || this.listed[child]!;
    return true;
  }
}

/**
 * The member that names a cluster: a listed one, then the best attested, then the shortest name, then the smallest id.
 */
function canonicalOrder(a: MergeCandidate, b: MergeCandidate): number {
  return (
    Number(b.listed) - Number(a.listed) ||
    b.documents - a.documents ||
    a.name.length - b.name.length ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Links every entity that is a variant of another. The result depends only on the set of candidates, not on their
 * order, so knowledge bases built from the same documents in any order agree. Cost is linear in the candidates
 * (hash keys, no pairwise comparison).
 */
export function mergeEntities(candidates: readonly MergeCandidate[]): MergeLink[] {
  const sorted = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const clusters = new Clusters(sorted);
  const edges = new Map<number, Array<{ to: number; rule: MergeRule; evidence: string }>>();
  const link = (i: number, j: number, rule: MergeRule, evidence: string) => {
    if (!clusters.union(i, j)) return;
    for (const [from, to] of [
      [i, j],
      [j, i],
    ] as const) {
      const list = edges.get(from) ?? [];
      list.push({ to, rule, evidence });
      edges.set(from, list);
    }
  };

  const groups = new Map<string, { keyed: Keyed; members: number[] }>();
  sorted.forEach((c, i) => {
    for (const keyed of mergeKeys(c)) {
      const groupKey = `${c.type}|${keyed.rule}|${keyed.key}`;
      const group = groups.get(groupKey) ?? { keyed, members: [] };
      if (group.members[group.members.length - 1] !== i) group.members.push(i);
      groups.set(groupKey, group);
    }
  });
  for (const { keyed, members } of groups.values()) {
    for (const j of members.slice(1)) link(members[0]!, j, keyed.rule, keyed.explain(sorted[members[0]!]!, sorted[j]!));
  }

  // People: a name without a middle initial joins the one with it only when no other middle initial competes
  // ("Brian Nelson" is "Brian E. Nelson" unless a "Brian K. Nelson" is known too).
  const byCore = new Map<string, Array<{ i: number; middle: string }>>();
  sorted.forEach((c, i) => {
    const parts = c.type === 'person' ? personParts(c.name) : null;
    if (!parts) return;
    const group = byCore.get(parts.core);
    if (group) group.push({ i, middle: parts.middle });
    else byCore.set(parts.core, [{ i, middle: parts.middle }]);
  });
  for (const members of byCore.values()) {
    const middles = new Set(members.map((m) => m.middle).filter(Boolean));
    if (members.length < 2 || middles.size > 1) continue;
    const [first, ...rest] = members;
    for (const m of rest) {
      const a = sorted[first!.i]!;
      const b = sorted[m.i]!;
      link(
        first!.i,
        m.i,
        'middle-name',
        `"${a.name}" and "${b.name}" share first and last name, and no other middle initial is known`,
      );
    }
  }

  // Each merged member is explained by the link that reaches it on the shortest path from its cluster's canonical
  // member.
  const members = new Map<number, number[]>();
  sorted.forEach((_, i) => {
    const root = clusters.find(i);
    const group = members.get(root);
    if (group) group.push(i);
    else members.set(root, [i]);
  });
  const links: MergeLink[] = [];
  for (const group of members.values()) {
    if (group.length < 2) continue;
    const canonical = group.reduce((best, i) => (canonicalOrder(sorted[i]!, sorted[best]!) < 0 ? i : best));
    const seen = new Set([canonical]);
    const queue = [canonical];
    while (queue.length > 0) {
      const from = queue.shift()!;
      for (const edge of (edges.get(from) ?? []).sort((x, y) => x.to - y.to)) {
        if (seen.has(edge.to)) continue;
        seen.add(edge.to);
        queue.push(edge.to);
        links.push({
          entityId: sorted[edge.to]!.id,
          canonicalId: sorted[canonical]!.id,
          viaId: sorted[from]!.id,
          rule: edge.rule,
          evidence: edge.evidence,
        });
      }
    }
  }
  return links.sort((a, b) => (a.entityId < b.entityId ? -1 : 1));
}
