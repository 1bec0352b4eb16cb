"""An article page extracted in a worker comes back as the pipelines would make it of the
page: outlet name cleaned, category and tags derived, store texts prepared."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsbot.config import load_source
from newsbot.kinds.pages import article_from_extracted, extract_checked
from newsbot.pipelines.category import DeriveCategoryPipeline
from newsbot.pipelines.clean import CleanHtmlPipeline
from newsbot.pipelines.dates import NormaliseDatePipeline
from newsbot.pool import extract_article
from newsbot.store import prepare_article

NOW = datetime(2024, 4, 28, 8, 0, tzinfo=UTC)
URL = "http://news.example.cn/a/1.html"
BODY = "　　广西各地抢抓晴好天气，组织农机手开展机耕机播，全区投入农机具三十二万台套。" * 4
PAGE = f"""<html><head><title>春播进度快于去年</title>
<meta property="og:site_name" content="右江\x0c日报">
<meta property="article:published_time" content="2024-04-28T08:32:24+08:00"></head>
<body><article><h1>春播进度快于去年</h1><p>{BODY}</p><p>{BODY[::-1]}</p></article></body></html>"""


@pytest.mark.parametrize("media", ["", "基准\\u000b日报"])  # a TOML escape: a control
def test_a_worker_article_is_what_the_pipelines_make_of_the_page(
    tmp_path: Path, media: str
) -> None:
    path = tmp_path / "yjrb.toml"
    path.write_text(
        'kind = "html"\nbase_url = "http://news.example.cn"\ntimezone = "Asia/Shanghai"\n'
        f'lang = "zh"\nmedia = "{media}"\n\n[html]\nstart_urls = ["/list.html"]\n'
        "article_links = ['/a/\\\\d+\\\\.html$']\n",
        "utf-8",
    )
    source = load_source(path)
    data = PAGE.encode("utf-8")
    article, _ = extract_article(source, data, URL, NOW)

    result, _ = extract_checked(data, URL, source, now=NOW)
    expected = article_from_extracted(result, source, NOW)

    class Stats:
        def inc_value(self, key: str) -> None:
            raise AssertionError(key)

    expected = NormaliseDatePipeline(source.timezone, Stats()).process_item(expected)
    expected = CleanHtmlPipeline().process_item(expected)
    expected = DeriveCategoryPipeline(source.post).process_item(expected)
    assert article == expected
    assert article.category and article.tags  # derived in the worker, not left empty
    name = "右江 日报" if not media else "基准 日报"  # the control made a space, as cleaning does
    assert article.media == name
    assert article.tags == [f"{name}新闻"]
    assert article.prepared == prepare_article(expected)
