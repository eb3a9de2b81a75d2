"""A labelled Japanese/English corpus for the scanner benchmark: Faker ja_JP and en_US, a fixed seed.

Each record is a short business text (a form, a mail, a support note) with entities at known offsets and
look-alike distractors that are not personal data: order numbers of 12 digits whose check digit fails,
13-digit codes, order dates, amounts, times, version strings, お客様/皆さん, tracking numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from faker import Faker

from hogo.adapters.recognizers.address import PREFECTURES
from hogo.adapters.recognizers.numbers import corporate_number_check_digit, luhn, my_number_check_digit

WIDE = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}


@dataclass
class Corpus:
    parts: list[str] = field(default_factory=list)
    labels: list[tuple[str, int, int]] = field(default_factory=list)
    size: int = 0
    nbytes: int = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        self.nbytes += len(text.encode())

    def entity(self, entity: str, text: str) -> None:
        self.labels.append((entity, self.size, self.size + len(text)))
        self.add(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ja = Faker("ja_JP")
        self.en = Faker("en_US")
        self.ja.seed_instance(seed)
        self.en.seed_instance(seed + 1)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def my_number(self, valid: bool = True) -> str:
        first = self.digits(11)
        check = my_number_check_digit(first)
        return first + str(check if valid else (check + self.rng.randint(1, 9)) % 10)

    def corporate_number(self, valid: bool = True) -> str:
        base = self.digits(12)
        check = corporate_number_check_digit(base)
        return str(check if valid else (check + self.rng.randint(1, 8)) % 9) + base

    def jp_phone(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return f"0{self.rng.choice('789')}0-{self.digits(4)}-{self.digits(4)}"
        if r < 0.6:
            return f"0{self.rng.choice('36')}-{self.digits(4)}-{self.digits(4)}"
        if r < 0.7:
            return f"0{self.rng.choice(['120', '570'])}-{self.digits(3)}-{self.digits(3)}"
        if r < 0.8:
            return f"+81 {self.rng.choice('789')}0-{self.digits(4)}-{self.digits(4)}"
        if r < 0.9:
            area = self.rng.choice(["011", "022", "045", "052", "075", "078", "092", "099"])
            return f"{area}({self.digits(3)}){self.digits(4)}"
        return f"0{self.rng.choice('789')}0-{self.digits(4)}-{self.digits(4)}".translate(WIDE)

    def card(self) -> str:
        while True:  # Faker's JCB numbers may start 3500–3527, outside JCB's real range (3528–3589)
            number = self.en.credit_card_number(card_type=self.rng.choice(["visa16", "mastercard", "amex", "jcb16"]))
            if not number.startswith("35") or 3528 <= int(number[:4]) <= 3589:
                break
        assert luhn(number)
        if self.rng.random() < 0.5 and len(number) == 16:
            return " ".join(number[i : i + 4] for i in range(0, 16, 4))
        return number

    def dob_ja(self) -> str:
        d = self.ja.date_of_birth(minimum_age=18, maximum_age=90)
        if self.rng.random() < 0.5:
            return f"{d.year}年{d.month}月{d.day}日"
        for era, start in (("令和", 2019), ("平成", 1989), ("昭和", 1926)):
            if d.year > start or (d.year == start and d.month > 5):
                return f"{era}{d.year - start + 1}年{d.month}月{d.day}日"
        return d.isoformat()

    def dob_en(self) -> str:
        d = self.en.date_of_birth(minimum_age=18, maximum_age=90)
        return self.rng.choice([d.isoformat(), d.strftime("%B %-d, %Y"), d.strftime("%m/%d/%Y")])

    def ja_record(self, c: Corpus) -> None:
        ja, rng = self.ja, self.rng
        c.add(ja.text(120).replace("\n", "") + "\n")
        if rng.random() < 0.5:
            c.add("氏名：")
            c.entity("PERSON", f"{ja.last_name()}　{ja.first_name()}" if rng.random() < 0.5 else ja.name())
        else:
            c.add("お客様各位\n")
            c.entity("PERSON", f"{ja.last_name()}{ja.first_name()}")
            c.add("様、いつもありがとうございます。")
        c.add("\n生年月日：")
        c.entity("DATE_OF_BIRTH", self.dob_ja())
        c.add("\nご住所：")
        c.entity("JP_POSTAL_CODE", f"〒{ja.zipcode()}")
        c.add(" ")
        c.entity("JP_ADDRESS", ja.address().split(" ")[0].replace("〒", ""))
        c.add(rng.choice(["\n電話番号：", "\n携帯 ", "\nご連絡先 "]))
        c.entity("PHONE_NUMBER", self.jp_phone())
        c.add("\nメール：")
        c.entity("EMAIL_ADDRESS", ja.email())
        c.add(f"\n注文番号 {self.my_number(valid=False)}、")
        c.add(f"注文日：{ja.date_this_decade():%Y年%-m月%-d日}、")
        c.add(f"合計 {rng.randint(1000, 99999):,}円、在庫 {self.digits(7)} 個、")
        c.add(f"商品コード {self.corporate_number(False)}\n")
        if rng.random() < 0.3:
            c.add(rng.choice(["マイナンバー：", "個人番号 "]))
            number = self.my_number()
            c.entity("JP_MY_NUMBER", number if rng.random() < 0.5 else f"{number[:4]} {number[4:8]} {number[8:]}")
            c.add("\n")
        if rng.random() < 0.2:
            c.add("取引先 法人番号 ")
            c.entity("JP_CORPORATE_NUMBER", self.corporate_number())
            c.add("\n")
        if rng.random() < 0.2:
            c.add("お支払い：カード ")
            c.entity("CREDIT_CARD", self.card())
            c.add(f" 有効期限 {rng.randint(1, 12):02d}/{rng.randint(26, 31)}\n")
        c.add(f"皆さん、{rng.randint(10, 23)}:{rng.randint(10, 59)}:{rng.randint(10, 59)} に受付。\n")

    def en_record(self, c: Corpus) -> None:
        en, rng = self.en, self.rng
        c.add(en.text(160).replace("\n", " ") + "\n")
        if rng.random() < 0.5:
            c.add("Dear Mr. " if rng.random() < 0.5 else "Dear Ms. ")
            c.entity(
                "PERSON", en.name().split(" ", 1)[-1] if rng.random() < 0.3 else en.first_name() + " " + en.last_name()
            )
            c.add(",\n")
        else:
            c.add("Name: ")
            c.entity("PERSON", en.first_name() + " " + en.last_name())
            c.add("\n")
        c.add("Date of birth: ")
        c.entity("DATE_OF_BIRTH", self.dob_en())
        c.add("\nPhone: ")
        c.entity("PHONE_NUMBER", f"+1 ({self.digits(3).replace('0', '5', 1)}) {self.digits(3)}-{self.digits(4)}")
        c.add("\nEmail: ")
        c.entity("EMAIL_ADDRESS", en.email())
        c.add(
            f"\nOrder #{self.digits(12)} placed {en.date_this_decade():%B %-d, %Y}, total ${rng.randint(5, 999)}.99, "
        )
        c.add(f"app v{rng.randint(1, 9)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}, ref {self.digits(16)}.\n")
        if rng.random() < 0.4:
            c.add("Login from ")
            c.entity("IP_ADDRESS", en.ipv4_public() if rng.random() < 0.7 else en.ipv6())
            c.add(f" at {rng.randint(10, 23)}:{rng.randint(10, 59)}.\n")
        if rng.random() < 0.2:
            c.add("Card on file: ")
            c.entity("CREDIT_CARD", self.card())
            c.add("\n")

    # -- issue 20: registers the first templates lacked (role words, labels without 〒, CSV and JSON lines, chat) --

    def ja_role_note(self, c: Corpus) -> None:
        """An order note or support log: names after role words, a number run into the sentence, no 〒."""
        ja, rng = self.ja, self.rng
        c.add(rng.choice(["【対応履歴】", "備考：", "メモ）", ""]))
        c.add(rng.choice(["本件は担当の", "担当者：", "対応者 "]))
        c.entity("PERSON", ja.last_name())
        c.add(rng.choice(["が確認しました。", "です。", "より折り返し。"]))
        c.add(rng.choice(["お届け先は", "配送先：", "宛先 ", "送付先\n"]))
        c.entity("PERSON", ja.last_name() + rng.choice(["", " ", "　"]) + ja.first_name())
        c.add(rng.choice(["様", "さん", " 様", ""]) + rng.choice(["、", "\n"]))
        c.add(rng.choice(["住所 ", "お届け先住所：", ""]))
        c.entity("JP_POSTAL_CODE", f"{self.digits(3)}{rng.choice(['-', 'ー', '－', ''])}{self.digits(4)}")
        c.add(rng.choice([" ", "\n", "　"]))
        address = ja.address().split(" ")[0].replace("〒", "")
        if rng.random() < 0.3:  # a line break after the prefecture, as a form's fields are pasted
            cut = next((n for n in (3, 4) if address[:n] in PREFECTURES), 0)
            address = address[:cut] + "\n" + address[cut:] if cut else address
        c.entity("JP_ADDRESS", address)
        c.add(rng.choice(["。携帯", "。連絡は", "、", "\n"]))
        number = f"0{rng.choice('789')}0{self.digits(8)}"
        c.entity("PHONE_NUMBER", number if rng.random() < 0.5 else number.translate(WIDE))
        c.add(rng.choice(["まで。", "に電話ください。", "（日中）\n"]))
        d = ja.date_of_birth(minimum_age=18, maximum_age=90)
        c.add("生年月日は" if rng.random() < 0.3 else "")
        written = rng.choice([f"{d.year}年{d.month}月{d.day}日", f"{d.year}/{d.month:02d}/{d.day:02d}"])
        c.entity("DATE_OF_BIRTH", written)
        c.add(rng.choice(["生", "生まれ", f" ({rng.randint(18, 90)}歳)"]) + "とのこと。")
        c.add(f"伝票番号 {self.digits(4)}-{self.digits(4)}-{self.digits(4)}、JAN {self.digits(13)}、通販ショップ。\n")

    def en_role_note(self, c: Corpus) -> None:
        """A support ticket: customer/requester/Assigned to, a signature, a US street line."""
        en, rng = self.en, self.rng
        c.add(rng.choice(["Ticket: ", "Note - ", ""]) + rng.choice(["customer ", "Requester: ", "user ", "caller "]))
        c.entity("PERSON", f"{en.first_name()} {en.last_name()}" + rng.choice(["", " Jr.", " III"]))
        c.add(rng.choice([" reports a late parcel. ", " called about billing. "]))
        c.add(rng.choice(["Assigned to: ", "Assigned to ", "Attn: "]))
        first, last = en.first_name(), en.last_name()
        c.entity("PERSON", rng.choice([f"{first} {last}", f"{last.upper()}, {first.upper()}", f"{first} Q. {last}"]))
        c.add(".\nShip to: ")
        c.entity("STREET_ADDRESS", en.street_address())
        c.add(f", {en.city()}, {en.state_abbr(include_territories=False)} ")
        c.entity("POSTAL_CODE", en.zipcode())
        c.add(f"\nOrder #{self.digits(10)}, ${rng.randint(5, 999)}.{self.digits(2)}, tracking 1Z{self.digits(16)}.\n")
        c.add(rng.choice(["Regards,\n", "Thanks,\n", "Best regards,\n"]))
        c.entity("PERSON", f"{en.first_name()} {en.last_name()}")
        c.add("\n")

    def csv_json_lines(self, c: Corpus) -> None:
        """A CSV export (header row, quoted address) or a JSON log line."""
        ja, rng = self.ja, self.rng
        if rng.random() < 0.5:
            c.add("氏名,電話番号,郵便番号,住所\n")
            c.entity("PERSON", f"{ja.last_name()} {ja.first_name()}")
            c.add(",")
            c.entity("PHONE_NUMBER", self.jp_phone())
            c.add(",")
            c.entity("JP_POSTAL_CODE", ja.zipcode())
            c.add(',"')
            c.entity("JP_ADDRESS", ja.address().split(" ")[0].replace("〒", ""))
            c.add('"\n')
        else:
            c.add('{"event":"order","customer":"')
            c.entity("PERSON", f"{ja.last_name()}{ja.first_name()}")
            c.add('","tel":"')
            c.entity("PHONE_NUMBER", f"0{rng.choice('789')}0{self.digits(8)}")
            c.add(f'","sku":"SKU-{self.digits(8)}","amount":{rng.randint(100, 99999)}}}\n')


def build(target_bytes: int, seed: int = 6) -> Corpus:
    gen = Generator(seed)
    corpus = Corpus()
    while corpus.nbytes < target_bytes:
        r = gen.rng.random()
        if r < 0.7:
            (gen.ja_record if r < 0.35 else gen.en_record)(corpus)
        elif r < 0.8:
            gen.ja_role_note(corpus)
        elif r < 0.9:
            gen.en_role_note(corpus)
        else:
            gen.csv_json_lines(corpus)
    return corpus


def prose(target_bytes: int, seed: int = 6) -> str:
    """Plain Japanese and English prose (Faker's lorem), no personal data: the common case of a document."""
    gen = Generator(seed)
    parts: list[str] = []
    size = 0
    while size < target_bytes:
        part = (gen.ja.text(400) if gen.rng.random() < 0.5 else gen.en.text(400)) + "\n"
        parts.append(part)
        size += len(part.encode())
    return "".join(parts)
