"""Search for readers' questions: patches to Material's search worker and bundle (the built copies).

Material 9.8 splits a Chinese query on tokens the index knows but never looks at the last
character (保证金 → 保证*), counts question words (怎么, 吗, 多少) like content words, and lunr
then matches whole jieba tokens only. The worker patches:

- the query splitter: forward maximum matching over the index's words and the reader words of
  facts/search_synonyms.yml, the last word kept whole, question and function words dropped, Chinese
  parted from adjoining Latin text (GPM是什么 found nothing before);
- the ranking: hooks/handbook/search_rank.js scores the same index instead of lunr's search (words
  inside longer tokens, synonyms, the page's own subject; its header says why);
- the synonym groups, read from the index's config when the worker builds its index;
- the query as typed, kept so the ranking knows when a question asks for a number, and +/- typed
  before Chinese words passed on to them (+直播 must appear, -直播 must not);
- the 缺少 list: a word counts as found when a matched token holds it (带货 in 直播带货), not only
  when the token starts with it, so a highlighted word is never listed as missing.

Each replaces one exact string of the pinned worker; if Material changes it, the build fails.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import HandbookError

# The function as shipped in mkdocs-material 9.8.2 (assets/javascripts/workers/search.a7633da7.min.js).
ORIGINAL = ('function fe(t,e){let r=new Set,n=new Uint16Array(t.length);for(let s=0;s<t.length;s++)'
            'for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);let i=[0];for(let s=i.length;s>0;)'
            '{let o=i[--s];for(let u=1;u<n[o];u++)n[o+u]>n[o]-u&&(r.add(t.slice(o,o+u)),i[s++]=o+u);'
            'let a=o+n[o];n[a]&&a<t.length-1&&(i[s++]=a),r.add(t.slice(o,a))}return r.has("")?new Set([t]):r}')

# Words that carry no topic in a merchant's question. Single characters are already dropped by
# lunr's zh stop-word list only at index time, not in the query, so they are listed here too.
QUESTION_WORDS = sorted({
    "怎么", "怎么办", "怎样", "如何", "什么", "为什么", "为啥", "是否", "是不是", "能不能", "可不可以", "要不要",
    "有没有", "会不会", "多少", "多久", "多长", "哪些", "哪个", "哪里", "还是", "可以", "需要", "应该", "一下",
    "吗", "呢", "吧", "啊", "呀", "的", "了", "是", "有", "能", "要", "会", "在", "和", "与", "跟", "给", "做",
    "我", "我们", "你", "怎", "么", "啥", "都", "也", "就", "该", "这", "那", "个",
})

# A question that asks for a number (the ranking then lifts facts). Matched on the query as typed,
# before the splitter drops 多少 and the like.
NUMBER_QUESTION = "多少|多久|多长|多大|几[个天周月年岁次块元万成点号]|最低|最少|最高|最多|上限|下限|费率|比例|百分之|%"

RANKER = (Path(__file__).with_name("search_rank.js")).read_text(encoding="utf-8")
# Longest word the splitter tries (characters); synonyms longer than this could never be matched.
LONGEST_WORD = 12

REPLACEMENT = (
    RANKER
    + f"const HANDBOOK_STOP=new Set({json.dumps(QUESTION_WORDS, ensure_ascii=False)});"
    # Filled from the index's config.synonyms when the worker builds its index (see SYNONYMS_*).
    + "let handbookSynonyms=new Map();"
    + "function fe(t,e){"
    "t=t.trimStart();let op='';if(t[0]==='+'||t[0]==='-'){op=t[0];t=t.slice(1)}"
    "let out=[],i=0;"
    "while(i<t.length){let n=0;"
    f"for(let j=Math.min(t.length,i+{LONGEST_WORD});j>i;j--){{const w=t.slice(i,j);if(w in e||handbookSynonyms.has(w)){{n=j-i;break}}}}"
    "if(!n)n=1;let w=t.slice(i,i+n);if(!HANDBOOK_STOP.has(w))out.push(w);i+=n}"
    "if(!out.length)out=[t];out=out.map(w=>op+w);"
    # One element, words joined by spaces: the caller joins the set with "* " and then appends "*" to
    # every space-separated term itself, so several elements would give "视频号**": a term that never
    # matches as typed, shown struck through under 缺少 and left out of the result link's ?h=.
    # The outer spaces part the Chinese words from Latin text around them (GPM是什么 → GPM 是什么).
    "return new Set([' '+out.join(' ')+' '])}"
)

# Where the worker builds its index: also read the synonym groups slim_index put in the config.
SYNONYMS_ORIGINAL = "this.map=ie(r),"
SYNONYMS_REPLACEMENT = ("this.map=ie(r),handbookSynonyms=new Map,(e.synonyms||[]).forEach(g=>g.forEach(w=>"
                        "handbookSynonyms.set(w,g.filter(x=>x!==w)))),")
# lunr's search, replaced by the handbook's ranking over the same index (le = Material's parser of
# the query into clauses; a result's page entry is its parent in Material's map).
SEARCH_ORIGINAL = "n=this.index.search(e).reduce("
SEARCH_REPLACEMENT = ("n=handbookRank(this.index,le(e),s=>{let d=this.map.get(s);return d&&(d.parent||d)},"
                      f"handbookSynonyms,HANDBOOK_STOP,/{NUMBER_QUESTION}/.test(handbookQuery)).reduce(")
# The query as typed is kept for the number test above (the method reassigns e). And a run of Chinese goes to the splitter with a + or - typed right before it (at the start or after a
# space, not 抖音-视频号), which then applies to each of its words (+直播带货 → +直播 +带货); the
# splitter's leading space cut the operator off. (No look-behind: older iOS WebViews reject it.)
QUERY_ORIGINAL = r'search(e){if(e=e.replace(new RegExp("\\p{sc=Han}+","gu"),'
QUERY_REPLACEMENT = r'search(e){const handbookQuery=e;if(e=e.replace(new RegExp("(^|\\s)[+-]\\p{sc=Han}+|\\p{sc=Han}+","gu"),'
# Material's 缺少 list: a query word is found when a matched token starts with it; the ranking also
# matches it inside a token.
FOUND_ORIGINAL = "e[s].startsWith(o.term)"
FOUND_REPLACEMENT = "e[s].includes(o.term)"

WORKER_PATCHES = (
    (ORIGINAL, REPLACEMENT, "Material's query splitter"),
    (SYNONYMS_ORIGINAL, SYNONYMS_REPLACEMENT, "the worker's index set-up"),
    (QUERY_ORIGINAL, QUERY_REPLACEMENT, "the worker's search method"),
    (SEARCH_ORIGINAL, SEARCH_REPLACEMENT, "the worker's lunr search call"),
    (FOUND_ORIGINAL, FOUND_REPLACEMENT, "the worker's matched-word test"),
)


def _replace_once(source: str, original: str, replacement: str, where: str, what: str, file: str) -> str:
    if replacement in source:
        return source  # already patched: a --dirty build keeps the previous copy
    count = source.count(original)
    if count != 1:
        raise HandbookError(where, f"expected {what} once, found it {count} times",
                            f"mkdocs-material was upgraded: re-check hooks/handbook/searchpatch.py against the new {file}")
    return source.replace(original, replacement)


def patch_worker(source: str, where: str = "search worker") -> str:
    for original, replacement, what in WORKER_PATCHES:
        source = _replace_once(source, original, replacement, where, what, "worker")
    return source


# Material 9.8.2's bundle (assets/javascripts/bundle.*.min.js) fetches search/search_index.json as
# soon as a page loads: 370 KB gzip, most of a first visit's bytes, racing the page's own paint
# (Lighthouse counted it in LCP on phones). The replacement fetches it when the reader first
# focuses the search box, or at once when the address carries ?q= (a search link) or ?h= (a
# result to highlight). Names are the bundle's: $ = of, h = fromEvent, g = filter, Ee = take,
# b = switchMap, Z = shareReplay, ze = requestJSON.
BUNDLE_ORIGINAL = 'ze(new URL("search/search_index.json",Or.base))}'
BUNDLE_REPLACEMENT = (
    '(/[?&][qh]=/.test(location.search)?$(void 0):h(document,"focusin").pipe('
    'g(e=>e.target instanceof HTMLInputElement&&e.target.matches("[data-md-component=search-query]")),Ee(1)))'
    '.pipe(b(()=>ze(new URL("search/search_index.json",Or.base))),Z(1))}'
)


def patch_bundle(source: str, where: str = "Material bundle") -> str:
    return _replace_once(source, BUNDLE_ORIGINAL, BUNDLE_REPLACEMENT, where, "the search index request", "bundle")
