import pytest

from newsbot.slugs import pinyin_slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("右江日报", "youjiangribao"),
        ("河池日报", "hechiribao"),
        ("重庆日报", "chongqingribao"),
        ("长沙晚报", "changshawanbao"),
        ("Reuters 中文网", "reuterszhongwenwang"),
        ("", ""),
    ],
)
def test_media_names_become_pinyin_slugs(name: str, slug: str) -> None:
    assert pinyin_slug(name) == slug
