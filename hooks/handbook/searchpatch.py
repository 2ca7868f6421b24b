"""A better Chinese query splitter for Material's search worker (patched into the built site).

Material 9.8 splits a Chinese query on tokens the index knows, but never looks at the last
character, so the final word is cut short (保证金 → 保证*, 加热 → 加*) and then matched as a
prefix of everything; question words (怎么, 吗, 多少) count like content words. Readers type
whole questions ("视频号怎么加热"), so both hurt. The replacement does forward maximum matching
over the index vocabulary, keeps the last word whole, drops question and function words, and
separates Chinese from adjoining Latin text (GPM是什么, 保本ROI怎么算 found nothing before), and
weights a whole word above the longer words it begins.
It replaces one known function in the pinned worker; if Material changes it, the build fails.
"""

from __future__ import annotations

import json

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

REPLACEMENT = (
    "function fe(t,e){"
    f"const STOP=new Set({json.dumps(QUESTION_WORDS, ensure_ascii=False)});"
    "let out=[],i=0;"
    "while(i<t.length){let n=0;"
    "for(let j=Math.min(t.length,i+12);j>i;j--){if(t.slice(i,j)in e){n=j-i;break}}"
    "if(!n)n=1;let w=t.slice(i,i+n);if(!STOP.has(w))out.push(w);i+=n}"
    "if(!out.length)out=[t];"
    # Each word of two or more characters twice: as typed, boosted (保证金^10), and as Material
    # writes it, a prefix (保证金*, which the caller adds). A section holding the reader's word
    # then outranks one that only holds longer words starting with it. On tests/search_queries*.yml
    # recall@1 went from 70.5 % to 74.6 % and recall@5 from 93.6 % to 96.0 % (^5: 73.4 %, 96.5 %;
    # exact words only: the last, half-typed word stops matching). Single characters stay prefixes.
    "out=out.map(w=>w.length>1?w+'^10 '+w:w);"
    # One element, words joined by spaces: the caller joins the set with "* " and then appends "*" to
    # every space-separated term itself, so several elements would give "视频号**": a term that never
    # matches as typed, shown struck through under 缺少 and left out of the result link's ?h=.
    # The outer spaces part the Chinese words from Latin text around them (GPM是什么 → GPM 是什么).
    "return new Set([' '+out.join(' ')+' '])}"
)


def _replace_once(source: str, original: str, replacement: str, where: str, what: str, file: str) -> str:
    if replacement in source and original not in source:
        return source  # already patched: a --dirty build keeps the previous copy
    count = source.count(original)
    if count != 1:
        raise HandbookError(where, f"expected {what} once, found it {count} times",
                            f"mkdocs-material was upgraded: re-check hooks/handbook/searchpatch.py against the new {file}")
    return source.replace(original, replacement)


def patch_worker(source: str, where: str = "search worker") -> str:
    return _replace_once(source, ORIGINAL, REPLACEMENT, where, "Material's query splitter", "worker")


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
