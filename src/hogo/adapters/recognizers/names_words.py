"""The words around a Japanese name: labels, role words, honorifics, titles, and what is not a name.

Read by `names.py` (`JapaneseName`); kept apart so that the recognizer's module holds its logic. The context words
are registered with the shared pass (`needles.register`) when this module is imported."""

from __future__ import annotations

import re

from hogo.adapters.recognizers.base import endings
from hogo.adapters.recognizers.needles import register

_KANJI = "\u4e00-\u9fff々ヶ"
_KANA = "\u30a1-\u30fa\u30fc"
_HIRA = "\u3041-\u3096"
LABELS = (
    "氏名",
    "お名前",
    "名前",
    "フリガナ",
    "ふりがな",
    "契約者",
    "申込者",
    "受取人",
    "ご依頼主",
    "担当者",
    "患者名",
    "氏 名",
    "氏  名",  # 氏　　名: a résumé spreads the label over the cell
    "名義",
)
AFTER_LABEL = re.compile(
    r"名?(?:\((?:漢字|カナ)\))?(?:\s?[:：]\s?|\s{1,3})"  # a colon or a space after the label: 名前入力欄 is no name
    rf"(?P<name>[{_KANJI}]{{1,5}}(?: ?[{_KANJI}]{{1,5}}| [{_HIRA}]{{2,4}}(?![{_HIRA}]))?"
    rf"|[{_KANA}]{{1,8}}(?: ?[{_KANA}]{{1,8}})?|[{_HIRA}]{{1,8}} [{_HIRA}]{{1,8}}"
    r"|[A-Z][A-Za-z'\-]+ [A-Z][A-Za-z'\-]+)"
)
_ROLES = (
    "担当",
    "宛先",
    "宛名",
    "お届け先",
    "届け先",
    "配送先",
    "発送先",
    "送付先",
    "送り先",
    "依頼者",
    "依頼主",
    "購入者",
    "注文者",
    "会員",
    "ユーザー",
    "ユーザ",
    "お客様",
    "顧客",
    "利用者",
    "申請者",
    "相談者",
    "差出人",
    "保護者",
    "代表者",
    "責任者",
    "記入者",
    "作成者",
    "承認者",
    "対応者",
    "配偶者",
    "世帯主",
    "宿泊者",
    "予約者",
    "連絡者",
    "受付者",
    "扶養者",
    "本人",
    "保証人",
    "代理人",
    "入居者",
    "借主",
    "貸主",
    "加入者",
    "被保険者",
    "参加者",
    "出席者",
    "応募者",
    "送信者",
    "発信者",
    "報告者",
    "確認者",
    "受講者",
    "運転者",
    "同行者",
    "後見人",
    "相続人",
    "主治医",
    "上司",
    "連絡先",
    "オペレーター",
    "オペレータ",
    "依頼人",
    "患者",
    "担当医",
    "ドライバー",  # 担当ドライバー 後藤: a delivery slip
    "配達員",
    "受付",  # 担当医 青木 / 受付 大西
    "取扱者",  # an insurance agent's slip
    "担任",  # a school's class teacher
    "扶養親族",
    *("祖母", "祖父", "義父", "義母", "実父", "実母", "長男", "長女", "次男", "次女"),  # 本年2月に祖母 渡邉 仁美が永眠
    "代表取締役",
    "出勤",  # attendance and entry logs: 出勤 山田 社員番号 …
    "退勤",
    "入室",
    "退室",
    "入館",
    "退館",
    '"customer',  # JSON keys: {"customer":"鈴木知実"}
    '"name',
    '"user',
    '"recipient',
    '"contact',
    "CC",
    "Cc",
    "To",
    "From",
)
JSON_KEYS = tuple(r for r in _ROLES if r.isascii())
ROLE_ENDINGS = endings(tuple(r for r in _ROLES if not r.isascii()))
AFTER_ROLE = re.compile(
    r"(?:者|様|さん)?(?:\"? ?[:：=] ?\"?|は、?|の|、| {1,2}|\t|\n){1,2}"
    # 確認者：人事部 中川: the department first
    rf"(?:[{_KANJI}{_KANA}]{{1,8}}(?:部|課|室|係|グループ|チーム|センター|支店|営業所) {{1,2}})?"
    rf"(?P<run>[{_KANJI}]{{1,5}}(?: {{1,2}}(?:[{_KANJI}]{{1,4}}|[{_HIRA}]{{2,4}}))?"
    rf"|[{_KANA}]{{2,8}} {{1,2}}[{_KANA}]{{2,8}}|[{_KANA}]{{4,12}}(?![{_KANA}]))"
    rf"(?P<hira>[{_HIRA}]{{2,4}})?"
)
TITLES_AFTER = ("宛", "氏", "殿", "様", "部長", "課長", "係長", "社長", "主任", "先生", "店長", "所長", "室長", "専務")
HONORIFICS = ("様", "さま", "さん", "殿", "くん", "ちゃん", "氏", "君")
JOB_TITLES = (
    "先生",
    "部長",
    "課長",
    "係長",
    "次長",
    "社長",
    "会長",
    "主任",
    "店長",
    "所長",
    "室長",
    "専務",
    "常務",
    "教授",
    "准教授",
    "医師",
    "弁護士",
    "税理士",
)
"""A title after a surname names a person as an honorific does (田中部長, 鈴木先生)."""
SELF_NAMING = ("と申します", "と申しま", "でございます")
ACTING = register(("が対応", "が担当", "が伺", "が承", "が受付", "が受け付け", "が折り返", "が引き継"))
"""What a note says a named person did (荒木が対応。): a listed surname alone at a sentence's start before it."""
"""山田と申します: the writer's own name before the words that introduce it."""
SENTENCE_START = frozenset("\n。、 :：」』)（(の・")
NOT_NAMES_BEFORE_HONORIFIC = frozenset(
    "大家 家主 奥 神 王 姫 仏 上司 仲間 仲居 八百屋 米屋 魚屋 花屋 本屋 酒屋 床屋 質屋 問屋 大工 女将 旦那 番頭".split()  # noqa: SIM905
)
"""Words that take さん or 様 as a trade or a relation does (大家さん, 八百屋さん, 神様) and are surnames too."""
SHOP_ENDINGS = frozenset("屋堂店舗")
FIELD_ENDINGS = frozenset("日時欄号所先名者")
ORGANISATION_PARTS = ("会社", "法人", "社団", "財団", "組合", "商店", "商事")
"""A run holding one of these is a company (ご依頼主 株式会社中村屋), whatever surname it begins with."""
CHILD_HONORIFICS = ("ちゃん", "くん")
POLITE_PREFIX = frozenset("おご御")
"""お客様, ご主人様, お隣さん, 御社: a polite prefix makes the run a noun, not a name."""
BEFORE = re.compile(
    rf"([{_KANJI}]{{1,5}}"
    rf"(?: ?(?:[{_KANJI}]{{1,4}}|[{_HIRA}]{{2,4}}|[{_HIRA}]{{1,3}}[子美江恵代奈]|[{_KANA}]{{2,5}}))?) ?$"
)
KANA_BEFORE = re.compile(
    rf"(?<![{_KANA}{_HIRA}])([{_HIRA}]{{2,6}}[ \u3000][{_HIRA}]{{2,6}}|[{_KANA}]{{2,7}}[ \u3000]?[{_KANA}]{{2,7}}) ?$"
)
"""まつむら ひなた様, ウエダヒロコ様: a name in kana, checked against the readings (`kana_name`)."""
FOREIGN_BEFORE = re.compile(rf"([{_KANA}]{{2,8}}[・=][{_KANA}]{{2,10}}) ?$")
"""ジョン・スミス様: a foreign name in katakana, its parts joined by a middle dot (a single katakana word before 様 is
as often a trade: ドライバーさん, オーナー様)."""
BARE = re.compile(rf"[{_KANJI}](?<![\u4e00-\u9fff].)[{_KANJI}]{{1,3}}(?: {{1,2}}[{_KANJI}]{{1,3}}|[{_KANJI}]{{2,3}})")
"""A run of kanji that may be a surname and a given name, tried only where a run starts (the look-behind after the
first character lets `re` skip the rest of a long run at once: a third faster than trying it at every kanji)."""
KANA_GAP = re.compile(rf" (?<=[{_KANA}{_HIRA}] ) ?(?=[{_KANA}{_HIRA}])")
"""The space (or two) between two kana words: found at the space (rare in Japanese text), the words read outwards.
The pattern starts with the space itself, which `re` then looks for as a literal: six times faster than with
the look-behind first (`(?<=[kana]) {1,2}(?=[kana])`, the same spans)."""
UNLISTED_GIVEN = re.compile(rf"[{_KANJI}]{{1,3}}(?![{_KANJI}])")
HEADER_WORDS = frozenset(
    [
        "氏名",
        "名前",
        "フリガナ",
        "ふりがな",
        "生年月日",
        "誕生日",
        "性別",
        "年齢",
        "住所",
        "郵便番号",
        "電話番号",
        "電話",
        "携帯",
        "メール",
        "保護者",
        "緊急連絡先",
        "入社日",
        "内線",
        "個人番号",
        "社員番号",
        "部署",
        "役職",
        "備考",
        "番号",
        "続柄",
        "職業",
        "勤務先",
        "国籍",
    ]
)
"""The next cell of a header row (`番号	氏名	ふりがな	生年月日`): after a label and a tab, a header is no name."""
PLACE_ENDINGS = frozenset("都道府県市区町村郡駅店社課部局署館院園所線橋川山島港寺宮")
