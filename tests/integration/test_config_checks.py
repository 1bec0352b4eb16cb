"""A source file is checked in full before any request: every problem at once, exit 2."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, newsbot, requests_served

BAD = '[post]\ncategory = "{media!r:>{id}}"\n'


def test_a_bad_template_and_url_stop_the_crawl_before_any_request(
    tmp_path: Path, sample_server: str
) -> None:
    good = (ROOT / "data" / "sources" / "eastmoney-regional.toml").read_text("utf-8")
    text = good.replace('category = "{media_pinyin}"', 'category = "{media!r:>{id}}"')
    text = text.replace('base_url = "http://finews.zning.xyz"', 'base_url = "finews.zning.xyz"')
    bad = tmp_path / "sources" / "bad.toml"
    bad.parent.mkdir()
    bad.write_text(text, "utf-8")
    before = requests_served(sample_server)
    result = newsbot(
        "crawl", "--base-url", sample_server, "--sources", str(bad.parent),
        "--db", str(tmp_path / "n.db"), "--posts", str(tmp_path / "p"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{bad}: key 'base_url': 'finews.zning.xyz' needs a scheme" in result.stderr
    assert f"{bad}: key 'post.category': {{media!r:>{{id}}}}" in result.stderr
    assert requests_served(sample_server) == before
    assert not (tmp_path / "n.db").exists()


def test_a_bad_base_url_option_is_a_configuration_error(tmp_path: Path) -> None:
    result = newsbot(
        "crawl", "--base-url", "127.0.0.1:8000",
        "--db", str(tmp_path / "n.db"), "--posts", str(tmp_path / "p"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "key '--base-url': '127.0.0.1:8000' needs a scheme" in result.stderr


def test_a_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    good = (ROOT / "data" / "sources" / "eastmoney-emnews.toml").read_bytes()
    (tmp_path / "bom.toml").write_bytes(b"\xef\xbb\xbf" + good)
    result = newsbot("sources", "--sources", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "bom " in result.stdout
