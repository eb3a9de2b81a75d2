"""Letters the desk can post (issue 21): addressed to the person by name and address (from the vault when the
request gave none), saying what a correction changed, phone numbers as people write them; the answer goes by the
way the person chose, and a request with no way to reach the person says so instead of "answered by letter"."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container
from hogo.identity.policy import Actor
from hogo.ledger.loader import load_ledger_text
from hogo.ledger.schemas.procedures import DisclosureMethod, IdentityDocument, PaymentMethod, RequestChannel
from hogo.ledger.schemas.procedures import RequestKind as K
from hogo.requests.policy import Outcome
from hogo.requests.schemas import ContactIn, DecisionIn, FeeIn, FulfilIn, IdentityCheckIn, RequestIn
from hogo.requests.workflow import Status
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn

ADDRESS_ITEM = """  - key: address
    label: {ja: 住所, en: Address}
    category: contact
    value_type: address
"""


@pytest.fixture
def shop(container: Container, vault_yaml: str) -> Container:
    text = vault_yaml.replace("items:\n  - key: name", "items:\n" + ADDRESS_ITEM + "  - key: name", 1)
    text = text.replace("items: [name, email, phone, postal-code]", "items: [name, email, phone, postal-code, address]")
    assert text.count("key: address") == 1 and "postal-code, address]" in text
    container.ledger.apply(load_ledger_text(text, source="shop.yaml"), actor="test")
    container.outbox.mailer = MemoryMailer()
    return container


def customer(c: Container, admin: Actor, **values: str) -> str:
    data = AcquisitionIn(
        subject_kind="customer",
        identifiers=[IdentifierIn(kind="email", value="hanako@example.jp")],
        values={"name": "山田 花子", "email": "hanako@example.jp", "phone": "090-1234-5678", **values},
        channel="web-order",
    )
    return c.subjects.acquire(data, admin).person_id


def decided(c: Container, admin: Actor, kind: K, **request: object) -> str:
    data = RequestIn(
        kind=kind,
        channel=RequestChannel.phone,
        identifier=IdentifierIn(kind="email", value="hanako@example.jp"),
        **request,  # type: ignore[arg-type]
    )
    rid = c.requests.file(data, admin).request.id
    view = c.requests.check_identity(rid, IdentityCheckIn(document=IdentityDocument.passport), admin)
    if view.status is Status.fee_pending:
        c.requests.record_fee(rid, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=view.fee_jpy), admin)
    c.requests.decide(rid, DecisionIn(outcome=Outcome.full), admin)
    return rid


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")


def test_a_phone_correction_is_answered_by_a_letter_naming_the_person_and_what_changed(
    shop: Container, admin: Actor
) -> None:
    customer(shop, admin, **{"postal-code": "100-0005", "address": "東京都千代田区丸の内1-1-1"})
    rid = decided(shop, admin, K.correction)
    done = shop.requests.fulfil(rid, FulfilIn(corrections={"phone": "03-1111-2222"}, deletions=["email"]), admin)
    assert done.measures is not None and done.measures["notified_by"] == "letter"
    text = text_of(shop.requests.letter(rid, admin))
    assert "山田花子様" in text and "東京都千代田区丸の内1-1-1" in text and "〒100-0005" in text
    assert "ご本人様" not in text
    assert "次のとおり訂正・追加しました" in text and "03-1111-2222" in text
    assert "次の項目を削除しました：メールアドレス" in text
    reads = shop.audit.events(action_prefix="records.read")
    assert reads[0].data["use"] == "address the answer"


def test_a_disclosure_letter_prints_phone_numbers_as_people_write_them(shop: Container, admin: Actor) -> None:
    customer(shop, admin, address="大阪府大阪市北区梅田1-1")
    rid = decided(shop, admin, K.disclosure, disclosure_method=DisclosureMethod.paper)
    done = shop.requests.fulfil(rid, FulfilIn(), admin)
    assert done.measures is not None and done.measures["notified_by"] == "letter"
    text = text_of(shop.requests.letter(rid, admin))
    assert "090-1234-5678" in text and "+81" not in text


def test_the_answer_goes_the_way_the_person_chose_and_names_the_desk(shop: Container, admin: Actor) -> None:
    customer(shop, admin, address="大阪府大阪市北区梅田1-1")
    mailer = shop.outbox.mailer
    assert isinstance(mailer, MemoryMailer)
    paper = decided(
        shop,
        admin,
        K.disclosure,
        disclosure_method=DisclosureMethod.paper,
        contact=ContactIn(email="hanako@example.jp"),
    )
    assert shop.requests.fulfil(paper, FulfilIn(), admin).measures["notified_by"] == "letter"  # type: ignore[index]
    electronic = decided(shop, admin, K.disclosure, contact=ContactIn(email="hanako@example.jp"))
    assert shop.requests.fulfil(electronic, FulfilIn(), admin).measures["notified_by"] == "email"  # type: ignore[index]
    answer = [m for m, _ in mailer.sent if electronic in m.subject and "回答" in m.subject]
    assert answer and answer[0].sender_name == "株式会社サンプル 個人情報お問い合わせ窓口"


def test_with_no_way_to_reach_the_person_the_answer_is_not_called_a_letter(shop: Container, admin: Actor) -> None:
    customer(shop, admin)  # no address held, none given, no e-mail given with the request
    rid = decided(shop, admin, K.purpose_notification)
    done = shop.requests.fulfil(rid, FulfilIn(), admin)
    assert done.measures is not None and done.measures["notified_by"] == "none"
