"""The demo output builds with real Jekyll into the reference site: pages, links, escaping."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REFERENCE_POST, jekyll_build, newsbot
from lxml import html

from newsbot.site import broken_links

HOST = "finews.withounder.com"
REFERENCE_PAGE = "youjiangribao/2022/05/18/NW202205182382767663.html"
ORIGINAL = "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202205182382767663"
EVIL = "2022-05-18-evil.md"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("site")
    site = root / "site"
    run = newsbot("demo", "--db", str(root / "n.db"), "--posts", str(site / "_posts"))
    assert run.returncode == 0, run.stderr
    # A title that is markup as text must stay text on the page.
    evil = (site / "_posts" / "2022-05-18-NW202205182382767663.md").read_text("utf-8")
    evil = evil.replace(
        '"西林全力构建共治共享乡村治理新格局"', '"<script>alert(1)</script> & 西林"'
    )
    (site / "_posts" / EVIL).write_text(evil, "utf-8")
    result = jekyll_build(site, root / "out")
    return {"root": root, "site": site, "out": root / "out", "demo": run, "jekyll": result}


def page(built: dict, name: str) -> html.HtmlElement:
    return html.fromstring((built["out"] / name).read_bytes())


def test_posts_stay_byte_identical_and_the_scaffold_is_written(built: dict) -> None:
    site = built["site"]
    assert (site / "_posts" / REFERENCE_POST.name).read_bytes() == REFERENCE_POST.read_bytes()
    for name in ("_config.yml", "_layouts/post.html", "index.html", "category/youjiangribao.html"):
        assert (site / name).is_file(), name
    assert "Layout 'post' requested" not in built["jekyll"].stderr + built["jekyll"].stdout


def test_reference_article_page(built: dict) -> None:
    doc = page(built, REFERENCE_PAGE)
    assert doc.findtext(".//h1") == "西林全力构建共治共享乡村治理新格局"
    assert doc.findtext(".//time") == "2022-05-18 08:32:24 +0800"
    source = REFERENCE_POST.read_text("utf-8").split("---\n", 2)[2]
    paragraphs = [
        html.fromstring(p).text_content().strip() for p in re.findall(r"<p>.*?</p>", source)
    ]
    shown = [" ".join(p.text_content().split()) for p in doc.iter("p")]
    assert len(paragraphs) >= 6
    for text in paragraphs:
        assert " ".join(text.split()) in shown
    assert doc.xpath("//a/@href").count(ORIGINAL) == 1
    (category,) = doc.xpath("//a[@class='category']/@href")
    assert category == "/category/youjiangribao.html"
    assert f"//{HOST}/category/youjiangribao.html" in doc.xpath("//a/@href")
    listing = page(built, "category/youjiangribao.html")
    assert "/" + REFERENCE_PAGE in listing.xpath("//a/@href")
    assert listing.findtext(".//h1") == "右江日报"


def test_home_lists_recent_posts(built: dict) -> None:
    links = page(built, "index.html").xpath("//ul[@class='posts']/li/a/@href")
    assert len(links) >= 50
    assert "/" + REFERENCE_PAGE in links


def test_every_internal_link_resolves(built: dict) -> None:
    assert broken_links(built["out"], hosts=[HOST]) == []
    emnews = page(built, "emnews/index.html").xpath("//ul[@class='posts']/li/a/@href")
    assert emnews  # the East Money feed's "back" link lands on a listing of its posts


def test_the_link_check_finds_a_missing_page(built: dict, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(built["out"], copy)
    (copy / "category" / "youjiangribao.html").unlink()
    broken = broken_links(copy, hosts=[HOST])
    assert f"{REFERENCE_PAGE}: //{HOST}/category/youjiangribao.html" in broken
    assert f"{REFERENCE_PAGE}: /category/youjiangribao.html" in broken


def test_titles_are_escaped(built: dict) -> None:
    built_html = (built["out"] / "youjiangribao/2022/05/18/evil.html").read_text("utf-8")
    assert "<script>alert" not in built_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 西林" in built_html
    home = (built["out"] / "index.html").read_text("utf-8")
    assert "<script>alert" not in home


def test_tags_with_spaces_stay_whole(built: dict) -> None:
    posts = built["site"] / "_posts"
    world = [p for p in posts.iterdir() if "categories: world\n" in p.read_text("utf-8")]
    front = yaml.safe_load(world[0].read_text("utf-8").split("---\n")[1])
    assert front["tags"] == ["The World Courier"]


def test_export_never_overwrites_the_operators_files(built: dict) -> None:
    site = built["site"]
    (site / "_config.yml").write_text("title: Mine\n", "utf-8")
    (site / "category" / "youjiangribao.html").unlink()
    (site / "_posts" / EVIL).unlink()
    run = newsbot("export", "--db", str(built["root"] / "n.db"), "--posts", str(site / "_posts"))
    assert run.returncode == 0, run.stderr
    assert (site / "_config.yml").read_text("utf-8") == "title: Mine\n"
    assert (site / "category" / "youjiangribao.html").is_file()
    assert "site: wrote" in run.stdout and "_config.yml" not in run.stdout
