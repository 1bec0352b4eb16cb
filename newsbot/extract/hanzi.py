"""Traditional Chinese forms of the Simplified characters that page labels are written with.

The label patterns of extraction (记者, 来源, 发布时间, 责任编辑, 相关阅读 ...) are written in
Simplified characters; pages from Taiwan and Hong Kong write the same labels in Traditional
ones (記者, 來源, 發布時間, 責任編輯, 相關閱讀). :func:`either_script` turns a pattern into one
that matches both, character for character, so that what a pattern captures (a name, an
outlet) is taken from the page as written.
"""

from __future__ import annotations

import re

__all__ = ["SIMPLIFIED_TO_TRADITIONAL", "either_script"]

# Only characters that differ, and only those the label patterns use (and the few words they
# name: 新华社, 中新社, 日报 ...). One Traditional form each: 布 is 佈 (發布 and 發佈 are both
# written, and 布 stays in the class), 于 is 於.
SIMPLIFIED_TO_TRADITIONAL = {
    "记": "記",
    "报": "報",
    "导": "導",
    "编": "編",
    "辑": "輯",
    "来": "來",
    "发": "發",
    "布": "佈",
    "时": "時",
    "间": "間",
    "责": "責",
    "讯": "訊",
    "电": "電",
    "网": "網",
    "闻": "聞",
    "论": "論",
    "读": "讀",
    "关": "關",
    "阅": "閱",
    "荐": "薦",
    "热": "熱",
    "门": "門",
    "体": "體",
    "号": "號",
    "浏": "瀏",
    "览": "覽",
    "击": "擊",
    "点": "點",
    "数": "數",
    "摄": "攝",
    "图": "圖",
    "实": "實",
    "习": "習",
    "约": "約",
    "写": "寫",
    "采": "採",
    "审": "審",
    "对": "對",
    "监": "監",
    "制": "製",
    "统": "統",
    "筹": "籌",
    "权": "權",
    "声": "聲",
    "转": "轉",
    "载": "載",
    "员": "員",
    "评": "評",
    "扫": "掃",
    "维": "維",
    "码": "碼",
    "众": "眾",
    "赞": "讚",
    "华": "華",
    "国": "國",
    "杂": "雜",
    "志": "誌",
    "周": "週",
    "传": "傳",
    "团": "團",
    "络": "絡",
    "综": "綜",
    "线": "線",
    "连": "連",
    "链": "鏈",
    "务": "務",
    "户": "戶",
    "频": "頻",
    "视": "視",
    "见": "見",
    "处": "處",
    "于": "於",
    "开": "開",
    "举": "舉",
    "较": "較",
    "条": "條",
    "复": "複",
    "创": "創",
    "设": "設",
    "为": "為",
    "题": "題",
    "标": "標",
    "经": "經",
    "准": "準",
    "认": "認",
    "缩": "縮",
    "刚": "剛",
    "钟": "鐘",
    "后": "後",
    "会": "會",
    "专": "專",
    "订": "訂",
    "费": "費",
    "资": "資",
    "译": "譯",
    "内": "內",
    "场": "場",
}

_ESCAPE_RE = re.compile(r"\\(?:[uU][0-9a-fA-F]{4,8}|x[0-9a-fA-F]{2}|N\{[^}]*\}|.)", re.DOTALL)


def either_script(pattern: str) -> str:
    """``pattern`` with each Simplified character that has a Traditional form replaced by a
    class of both (``记者`` → ``[记記]者``; inside a class, the form is added to it). Escapes
    are kept as they are. Every character still matches one character, so lookbehinds keep
    their width."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        escape = _ESCAPE_RE.match(pattern, i) if pattern[i] == "\\" else None
        if escape is not None:
            out.append(escape.group())
            i = escape.end()
            continue
        char = pattern[i]
        trad = SIMPLIFIED_TO_TRADITIONAL.get(char)
        if in_class:
            if char == "]" and out and out[-1] != "[" and out[-1] != "[^":
                in_class = False
            out.append(char + (trad or ""))
        elif char == "[":
            in_class = True
            if pattern.startswith("[^", i):
                out.append("[^")
                i += 2
                continue
            out.append(char)
        else:
            out.append(f"[{char}{trad}]" if trad else char)
        i += 1
    return "".join(out)
