"""Posts that are safe to write and to build: distinct file names for distinct ids, inside the
posts directory; no live Liquid; no temporary file left behind by a killed writer."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_export import SHANGHAI, reference_row, regional_template

from newsbot.export import PostsDir, neutralise_liquid, post_filename, post_stem, render_post

COLLIDING = ["a/b", "a-b", "a?b", "a b", "a\\b", "a:b", "a--b", "A-B"]
UNUSABLE = ["长" * 100, "....", "x" * 300, "", "..", ".", "-", "../../escape", "/abs", "\x00"]


def test_the_reference_id_is_used_as_it_is() -> None:
    assert post_stem("NW202205182382767663") == "NW202205182382767663"
    assert post_stem("2a4f0523841521f0") == "2a4f0523841521f0"  # page kinds: 16 hex digits


@pytest.mark.parametrize("group", [COLLIDING, UNUSABLE, COLLIDING + UNUSABLE])
def test_distinct_ids_never_share_a_file_name(group: list[str]) -> None:
    stems = [post_stem(i) for i in group]
    assert len(set(stems)) == len(group)


def test_an_id_of_the_hashed_form_cannot_take_anothers_name() -> None:
    taken = post_stem("a/b")
    assert taken.startswith("a-b--")
    assert post_stem(taken) != taken


@pytest.mark.parametrize("article_id", COLLIDING + UNUSABLE + ["长" * 300, "😀" * 200])
def test_file_names_stay_inside_the_directory_and_within_name_limits(
    tmp_path: Path, article_id: str
) -> None:
    name = post_filename({**reference_row(), "id": article_id}, SHANGHAI)
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert len(name.encode("utf-8")) <= 255
    assert re.fullmatch(r"2022-05-18-[A-Za-z0-9_][A-Za-z0-9_.-]*\.md", name)
    result = PostsDir(tmp_path / "posts").export(
        {**reference_row(), "id": article_id}, regional_template(), SHANGHAI
    )
    assert result.path.parent == tmp_path / "posts"
    assert result.path.name == name


def test_ids_that_used_to_collide_keep_their_own_posts_across_dates(tmp_path: Path) -> None:
    posts = PostsDir(tmp_path)
    for n, article_id in enumerate(COLLIDING):
        posts.export({**reference_row(), "id": article_id, "title": f"t{n}"}, regional_template(),
                     SHANGHAI)  # fmt: skip
    # One of them moves to another day: only its own old copy goes.
    moved = {
        **reference_row(),
        "id": "a b",
        "title": "t3",
        "published": "2022-06-01T09:00:00+08:00",
    }
    PostsDir(tmp_path).export(moved, regional_template(), SHANGHAI)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == len(COLLIDING)
    assert sum(name.startswith("2022-06-01-") for name in names) == 1
    titles = sorted(p.read_text("utf-8").split("\n")[2] for p in tmp_path.iterdir())
    assert titles == sorted(f'title: "t{n}"' for n in range(len(COLLIDING)))


# Liquid ---------------------------------------------------------------------------------------


def test_content_without_liquid_is_unchanged() -> None:
    for text in ("", "<p>{ not liquid }</p>", "50% {x} %}", "}} and %} alone"):
        assert neutralise_liquid(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "{{ site.title }}",
        "{% include nonexistent.html %}",
        "a {% raw %}b{% endraw %} c",
        "{%- endraw -%} and {%endraw%}",
        "{% endraw",
    ],
)
def test_liquid_is_wrapped_in_raw_and_an_endraw_inside_stays_text(text: str) -> None:
    out = neutralise_liquid(text)
    assert out.startswith("{% raw %}") and out.endswith("{% endraw %}")
    # What Liquid does with it: every endraw tag in the output is one we wrote, and the text
    # between our tags, joined with the {{ "{%" }} outputs, is the original text.
    rendered = render_raw_blocks(out)
    assert rendered == text


def render_raw_blocks(out: str) -> str:
    """Liquid's reading of our output: raw blocks give their text; between them only our
    ``{{ "{%" }}`` outputs may appear."""
    pieces = re.split(r'(\{% raw %\}|\{% endraw %\}|\{\{ "\{%" \}\})', out)
    text, inside = [], False
    for piece in filter(None, pieces):
        if piece == "{% raw %}" and not inside:
            inside = True
        elif piece == "{% endraw %}" and inside:
            inside = False
        elif piece == '{{ "{%" }}' and not inside:
            text.append("{%")
        else:
            assert inside, f"text outside a raw block: {piece!r}"
            assert not re.search(r"\{%-?\s*endraw", piece), piece
            text.append(piece)
    return "".join(text)


def test_a_post_with_liquid_in_its_body_is_raw_and_its_title_stays_in_front_matter() -> None:
    row = {**reference_row(), "title": "{{ site.title }} {% include x %}",
           "body_html": "<p>{% include nonexistent.html %} {{ site.time }}</p>"}  # fmt: skip
    text = render_post(row, regional_template(), SHANGHAI)
    front, body = text.split("\n---\n", 1)
    assert 'title: "{{ site.title }} {% include x %}"' in front
    assert body.startswith("{% raw %}<p>{% include nonexistent.html %}")
    assert body.endswith("{% endraw %}")


def test_the_reference_post_carries_no_raw_tags() -> None:
    assert "{%" not in render_post(reference_row(), regional_template(), SHANGHAI)


# temporary files -------------------------------------------------------------------------------


def test_temporary_files_of_killed_writers_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        names = {
            f".tmp-{dead.stdout.strip()}-abc.md": False,
            f".tmp-{live.pid}-def.md": True,
            f".tmp-{os.getpid()}-ghi.md": True,
            ".tmp-legacy.md": False,
            "2022-05-18-x.md": True,
        }
        for name in names:
            (tmp_path / name).write_text("x", "utf-8")
        removed = PostsDir(tmp_path).remove_leftovers()
        assert sorted(removed) == sorted(n for n, kept in names.items() if not kept)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            n for n, kept in names.items() if kept
        )
    finally:
        live.kill()
        live.wait()


def test_a_written_post_leaves_no_temporary_file(tmp_path: Path) -> None:
    PostsDir(tmp_path).export(reference_row(), regional_template(), SHANGHAI)
    assert [p.name for p in tmp_path.iterdir()] == ["2022-05-18-NW202205182382767663.md"]
