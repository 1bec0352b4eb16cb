"""One story once: four reprints of one story link to one canonical; stories that share
only their topic stay apart; candidates come from the band index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsbot.dedup import fingerprint, link_reprints
from newsbot.items import Article
from newsbot.store import Store

CST = timezone(timedelta(hours=8))

STORY = (
    "5月17日，记者从自治区农业农村厅获悉，截至目前，全区已完成春播粮食作物面积1250万亩，"
    "占计划的68%，进度同比快3个百分点。今年以来，各地抢抓晴好天气，组织农机手开展机耕机播，"
    "全区投入农机具32万台套，机耕率达到85%。农业农村部门派出120个技术指导组，深入田间地头，"
    "指导农民科学选种、合理施肥，推广水稻集中育秧和玉米大豆带状复合种植。自治区财政安排"
    "春耕备耕专项资金4.6亿元，对早稻集中育秧给予每亩60元补助。农资供应总体充足，化肥储备"
    "达到180万吨，种子储备满足需求。气象部门提醒，近期南方多雨，各地要做好田间排水，防范"
    "强降雨对春播作物的不利影响。"
)

# Four outlets: own boilerplate, own headline, small edits.
COPIES = {
    "xinhua": ("广西春播粮食作物面积过半", "新华社南宁5月17日电（记者 黄勇）" + STORY),
    "gxrb": (
        "全区春播进度快于去年",
        "本报讯 " + STORY.replace("记者从", "本报记者从") + "（责任编辑：韦芳）",
    ),
    "yjrb": (
        "春播粮食作物完成1250万亩",
        "据新华社报道，" + STORY.replace("32万台套", "约32万台（套）") + "来源：新华网",
    ),
    "hcrb": (
        "广西：抢抓农时推进春播",
        STORY.replace(
            "气象部门提醒，近期南方多雨，各地要做好田间排水，防范强降雨对春播作物的不利影响。", ""
        )
        + "（文章来源：河池日报）编辑：覃明 审核：蓝天",
    ),
}

# Ten stories that share the topic (spring sowing, agriculture) and nothing more.
OTHERS = [
    "那坡县组织技术人员下乡，帮助农户检修拖拉机和插秧机，确保春耕期间机具正常运转，"
    "县里还设立了农机维修服务点，为群众提供上门服务，今年已维修各类机具1100多台。",
    "田东县芒果种植户趁着春雨开展果园管理，修剪枝条、追施有机肥，当地供销社送来农资，"
    "价格比市场低一成，果农说今年挂果情况良好，预计产量将比去年增加两成左右。",
    "桂林市农科所培育的优质稻新品种在全市推广种植，新品种米质好、抗倒伏，"
    "农技站在各乡镇举办培训班，讲解育秧、移栽和病虫害防治要点，参训农民超过三千人。",
    "河池市金城江区开展高标准农田建设，完成土地平整和灌溉渠道修缮，新建机耕路45公里，"
    "项目建成后，区内连片耕地可实现旱能灌、涝能排，为粮食稳产增产打下基础。",
    "百色市气象台发布春耕农业气象服务专报，提示未来十天气温回升，适宜水稻播种，"
    "同时提醒山区注意防范冰雹和雷雨大风，建议农户关注天气预报，合理安排农事活动。",
    "柳州市供销合作社启动农资保供行动，在乡镇网点储备化肥、农药和种子，"
    "开通线上订购平台，农户在手机上下单后，网点工作人员送货到村，减少了群众往返奔波。",
    "钦州市推广稻渔综合种养模式，在稻田里养殖禾花鱼，实现一水两用、一田双收，"
    "示范基地负责人介绍，每亩稻田可增加收入一千五百元，周边村民纷纷前来参观学习。",
    "贺州市农业农村局组织专家开展春季动物疫病防控，走村入户为生猪和家禽接种疫苗，"
    "并对养殖场进行消毒检查，督促养殖户落实防疫措施，确保春耕期间畜牧业生产稳定。",
    "梧州市农村信用社推出春耕专项贷款，为种粮大户和家庭农场提供低息资金支持，"
    "截至目前已发放贷款2.3亿元，惠及农户四千余户，有效缓解了农资采购的资金压力。",
    "崇左市甘蔗种植区开展机械化收割和新植蔗种植，糖厂与农户签订收购合同，"
    "明确保底价格，蔗农种植积极性高涨，全市新植甘蔗面积预计达到一百二十万亩。",
]


def article(key: str, title: str, body: str, minute: int) -> Article:
    return Article(
        id=key,
        source="s",
        url=f"http://n.example/{key}",
        title=title,
        published=datetime(2022, 5, 17, 10, minute, 30, tzinfo=CST),
        body_text=body,
        body_html=f"<p>{body}</p>",
    )


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "n.db") as s:
        # The wire story comes second in publication order: "earliest" is not insertion order.
        for i, (key, (title, body)) in enumerate(COPIES.items()):
            s.upsert_article(article(key, title, body, 10 + i if key != "gxrb" else 1))
        for i, body in enumerate(OTHERS):
            s.upsert_article(article(f"other{i}", body[:12], body, 20 + i))
        yield s


def canonical(store: Store) -> dict[str, str | None]:
    return {
        r["id"]: r["canonical_of"] for r in store.db.query("SELECT id, canonical_of FROM articles")
    }


def test_four_reprints_link_to_the_earliest_and_nothing_else_links(store: Store) -> None:
    assert link_reprints(store) == 3
    links = canonical(store)
    assert links["gxrb"] is None  # published first: the canonical
    assert {links[k] for k in ("xinhua", "yjrb", "hcrb")} == {"gxrb"}
    assert all(links[f"other{i}"] is None for i in range(10))
    assert link_reprints(store) == 0  # nothing new: nothing done


def test_fingerprints_tell_copies_from_topic_neighbours() -> None:
    base = fingerprint(COPIES["xinhua"][1])
    for _, body in COPIES.values():
        assert base.jaccard(fingerprint(body)) >= 0.6
    for body in OTHERS:
        assert base.jaccard(fingerprint(body)) < 0.2
    assert fingerprint("太短") is None


def test_an_earlier_copy_found_later_becomes_the_canonical(store: Store) -> None:
    link_reprints(store)
    earlier = article("wire", "新华社电", "新华社电 " + STORY, 0)
    earlier.published = datetime(2022, 5, 17, 9, 0, tzinfo=CST)
    store.upsert_article(earlier)
    stamp = datetime(2030, 1, 1, tzinfo=UTC)
    assert link_reprints(store, now=stamp) == 4
    links = canonical(store)
    assert links["wire"] is None
    assert {links[k] for k in COPIES} == {"wire"}
    bumped = store.db.execute("SELECT updated_at FROM articles WHERE id = 'gxrb'").fetchone()[0]
    assert bumped == stamp.isoformat()  # downstream sync sees the new canonical


def test_shingle_hashes_are_one_per_distinct_shingle_of_the_normalised_text() -> None:
    from newsbot.dedup import shingle_hashes, shingles

    for text in (STORY, *OTHERS, "abcdefghij" * 3, "Ｈello, World! hello world"):
        hashes = shingle_hashes(text)
        assert hashes.dtype == "uint32"
        assert len(hashes) == len(shingles(text))  # no two of these shingles collide
        assert list(hashes) == sorted(set(hashes))
    # Only letters and digits count, once each, in their order.
    assert list(shingle_hashes("Ab-c, DE f")) == list(shingle_hashes("abcdef"))
    assert list(shingle_hashes("abcdefabcdef")) == list(shingle_hashes("abcdefa" + "bcdef"))
    assert set(shingle_hashes("abcde")).isdisjoint(shingle_hashes("edcba"))
    assert set(shingle_hashes("abcdef")) > set(shingle_hashes("bcdef"))
    assert len(shingle_hashes("abcd")) == 0 and len(shingle_hashes(None)) == 0


def test_fingerprints_estimate_the_shingles_jaccard() -> None:
    from newsbot.dedup import shingles

    base = COPIES["xinhua"][1]
    for body in [text for _, text in COPIES.values()] + OTHERS + [STORY[: len(STORY) // 2]]:
        mine, theirs = shingles(base), shingles(body)
        true = len(mine & theirs) / len(mine | theirs)
        assert abs(fingerprint(base).jaccard(fingerprint(body)) - true) < 0.15, body[:20]


def test_fingerprints_of_an_older_hashing_are_dropped_and_made_again(store: Store) -> None:
    from newsbot.store import migrate

    link_reprints(store)
    # A database from before m012: its fingerprints hashed shingles another way.
    store.db.execute("UPDATE article_fingerprints SET minhash = zeroblob(512)")
    store.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm012_fingerprint_hashes'")
    store.db.execute("UPDATE articles SET canonical_of = NULL")
    store.db.conn.commit()
    migrate(store.db)
    assert store.db.execute("SELECT count(*) FROM article_fingerprints").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM article_bands").fetchone()[0] == 0
    assert link_reprints(store) == 3
    assert {canonical(store)[k] for k in ("xinhua", "yjrb", "hcrb")} == {"gxrb"}
    blobs = store.db.execute("SELECT minhash FROM article_fingerprints").fetchall()
    assert len(blobs) == 14 and all(blob != bytes(512) for (blob,) in blobs)


def test_fingerprint_values_are_datasketchs_minhash_of_the_shingle_hashes() -> None:
    import numpy as np
    from datasketch import MinHash

    from newsbot.dedup import NUM_PERM, SCHEME, fingerprint_values, shingle_hashes

    for text in (STORY, *OTHERS, *(body for _, body in COPIES.values())):
        reference = MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashfunc=int)
        reference.update_batch(shingle_hashes(text).tolist())
        values = fingerprint_values(text)
        assert values is not None and values.dtype == "uint32"
        assert np.array_equal(values, reference.hashvalues)
    assert fingerprint_values("太短") is None


def test_linking_reprints_does_not_import_datasketch() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from newsbot.dedup import fingerprint_values, band_keys;"
        "band_keys(fingerprint_values(''.join(map(chr, range(0x4E00, 0x4E80)))));"
        "print('datasketch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
