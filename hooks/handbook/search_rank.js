// The handbook's ranking for Material's search worker (patched in by hooks/handbook/searchpatch.py).
//
// Material hands the reader's words to lunr, which matches whole index tokens and scores them by
// BM25 spread over a cosine. For Chinese text cut by jieba that misses what readers type: a word
// inside a longer token (带货 in 直播带货, 美发 in 美发店), a colloquial word for the page's word
// (剪头 for 美发, 最少 for 最低), and which business type a question is about. This scores the same
// index, and returns results in lunr's shape, so Material's grouping, highlighting and 缺少 list
// work unchanged. Every weight below was measured on the query sets in tests/search_queries*.yml
// (benchmarks/README.md has the figures).

// How much a match counts, against the reader's exact word (1).
const HANDBOOK_RANK = {
  prefix: 0.7,       // an index token that starts with the word (保证 → 保证金)
  infix: 0.5,        // a token that holds the word inside it (带货 → 直播带货)
  part: 0.4,         // a known word inside a longer query word (美发店 → 美发)
  synonym: 0.8,      // a word from the same group in facts/search_synonyms.yml (剪头 → 美发)
  lastPrefix: 0.3,   // a single character typed last, still being typed (保 → 保证金)
  single: 0.25,      // any other single Chinese character: a fragment, rarely the topic
  context: 1,        // up to ×2 for a section whose page is about the query's words (tags, title)
  numbers: 1.5,      // a fact (facts/…) when the reader asks for a number (多少, 几天, 最低…)
};

// index: lunr.Index (invertedIndex, fieldVectors, fields). clauses: the reader's words as lunr
// query clauses ({term, presence, wildcard}). page: location → {ctx: [...]}, the page entry a
// location belongs to (Material's map). synonyms: word → other words of its group. stop: words
// never matched on their own. asksNumber: the reader's question asks for a number (its question
// words are gone from the clauses). Returns [{ref, score, matchData: {metadata}}], best first.
function handbookRank(index, clauses, page, synonyms, stop, asksNumber) {
  const R = HANDBOOK_RANK, inverted = index.invertedIndex, vectors = index.fieldVectors, fields = index.fields;
  const vocabulary = index.handbookVocabulary || (index.handbookVocabulary = Object.keys(inverted));  // once per index
  const docCount = Object.keys(vectors).length / fields.length;
  // lunr's presence: 1 optional, 2 required (+word), 3 prohibited (-word).
  const words = [], banned = [];
  for (const c of clauses) {
    const list = c.presence === 3 ? banned : words;
    if (c.term && !list.some(w => w.term === c.term)) list.push(c);
  }

  // lunr's precomputed BM25 weight of a token in one field of one document (0 when absent).
  const weight = (field, ref, termIndex) => {
    const v = vectors[field + "/" + ref];
    if (!v) return 0;
    const at = v.positionForIndex(termIndex);
    return v.elements[at] === termIndex ? v.elements[at + 1] : 0;
  };
  const idf = token => {
    const posting = inverted[token];
    if (!posting) return 0;
    let n = 0;
    for (const f of fields) n += Object.keys(posting[f] || {}).length;
    return Math.log(1 + Math.abs((docCount - n + 0.5) / (n + 0.5)));
  };
  const isHanChar = w => w.length === 1 && /[^\x00-\x7f]/.test(w);

  // The index tokens each word matches, with how much each counts.
  const variantsOf = (clause, last) => {
    const forms = [[clause.term, 1], ...(synonyms.get(clause.term) || []).map(s => [s, R.synonym])];
    const out = [];
    for (const [form, w] of forms) {
      if (form in inverted) out.push([form, w]);
      if (form.length > 1) {
        for (const t of vocabulary) if (t !== form && t.includes(form)) out.push([t, w * (t.startsWith(form) ? R.prefix : R.infix)]);
        for (let a = 0; a < form.length; a++) for (let b = a + 2; b <= form.length; b++) {
          const part = form.slice(a, b);
          if (part !== form && part in inverted && !stop.has(part)) out.push([part, w * R.part]);
        }
      } else if (last && clause.wildcard && form === clause.term) {
        for (const t of vocabulary) if (t !== form && t.startsWith(form)) out.push([t, R.lastPrefix]);
      }
    }
    return {forms: forms.map(([f]) => f), variants: out};
  };

  const docs = new Map();  // ref -> {best: per word, its best match score; metadata: lunr's matchData}
  const wordIdf = [], wordForms = [];
  words.forEach((clause, i) => {
    const {forms, variants} = variantsOf(clause, i === words.length - 1);
    wordIdf.push(clause.term in inverted ? idf(clause.term) : Math.max(0, ...variants.map(([t]) => idf(t))));
    wordForms.push(forms);
    const scale = isHanChar(clause.term) ? R.single : 1;
    for (const [token, w] of variants) {
      const posting = inverted[token];
      for (const field of fields) for (const ref in posting[field] || {}) {
        let d = docs.get(ref);
        if (!d) docs.set(ref, d = {best: new Array(words.length).fill(0), metadata: {}});
        d.best[i] = Math.max(d.best[i], scale * w * weight(field, ref, posting._index));
        (d.metadata[token] || (d.metadata[token] = {}))[field] = {position: posting[field][ref].position || []};
      }
    }
  });

  // A page is about a word when one of its tags or title words holds the word or one of its synonyms.
  const about = (ctx, forms) => forms.some(f => ctx.some(x => x.includes(f) || (f.length > 1 && x.length > 1 && f.includes(x))));
  const total = wordIdf.reduce((a, b) => a + b, 0) || 1;
  const share = flags => flags.reduce((a, on, i) => a + (on ? wordIdf[i] : 0), 0) / total;
  const excluded = new Set();
  for (const c of banned) for (const t of vocabulary) if (t.startsWith(c.term)) {
    for (const field of fields) for (const ref in inverted[t][field] || {}) excluded.add(ref);
  }
  const aboutShare = new Map();  // page entry -> share of the query its subject covers (once per page)
  const results = [];
  for (const [ref, d] of docs) {
    if (excluded.has(ref) || words.some((c, i) => c.presence === 2 && !d.best[i])) continue;
    const sum = d.best.reduce((a, b) => a + b, 0);
    if (!sum) continue;
    const entry = page(ref) || {};
    if (!aboutShare.has(entry)) aboutShare.set(entry, share(wordForms.map(f => about(entry.ctx || [], f))));
    // Each word's best match, times the share of the query (by idf) the section matches, up to
    // twice that when its page is about the query's words, and more for a fact when the reader
    // asks for a number: the number is what they came for, and facts are where numbers live.
    const score = sum * share(d.best.map(b => b > 0)) * (1 + R.context * aboutShare.get(entry))
      * (asksNumber && ref.startsWith("facts/") ? R.numbers : 1);
    results.push({ref, score, matchData: {metadata: d.metadata}});
  }
  return results.sort((a, b) => b.score - a.score);
}
