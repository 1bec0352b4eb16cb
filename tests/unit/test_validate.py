from datetime import UTC, datetime

from newsbot.items import Article
from newsbot.pipelines.validate import missing_fields


def test_required_fields_are_named_when_missing() -> None:
    article = Article(id="A1", source="s", url="http://n.example/1")
    assert missing_fields(article) == ["title", "published", "body_text"]
    article.title, article.body_text = "标题", "正文"
    article.published = datetime(2022, 5, 18, tzinfo=UTC)
    assert missing_fields(article) == []


def test_empty_id_and_url_are_missing_like_absent_ones() -> None:
    article = Article(id="", source="s", url="", title="标题", body_text="正文")
    article.published = datetime(2022, 5, 18, tzinfo=UTC)
    assert missing_fields(article) == ["id", "url"]
