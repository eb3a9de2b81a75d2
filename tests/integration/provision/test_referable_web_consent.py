"""Art. 31: the banner's consent is the evidence the provision gate checks. A tag whose recipient links what it
receives to personal data (the ledger's `recipient`), allowed on the banner by a visitor linked to the person, lets
the cookie identifier go to that recipient, recorded as confirmed by web consent; withdrawing on the banner stops it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hogo.bootstrap import Container
from hogo.identity.policy import Actor
from hogo.ledger.loader import load_ledger_text
from hogo.provision.policy import Basis, Reason
from hogo.subjects.schemas import AcquisitionIn

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TAG = """
web_tracking:
- id: ad-tag
  provider: {ja: 広告株式会社, en: Ad Partner K.K.}
  tool: {ja: 広告タグ, en: Ad tag}
  purpose: {ja: 広告の配信, en: Ad delivery}
  items: [cookie-id]
  category: advertising
  recipient: ad-partner
"""


def choose(c: Container, visitor: str | None, action: str) -> tuple[str, str]:
    config = c.web_consents.config(visitor, None)
    body = {k: config[k] for k in ("visitor", "nonce", "expires", "token")} | {"banner": config["banner"]}
    stored = c.web_consents.record(body | {"action": action, "choices": {}}, origin=None, gpc=False, client="t")
    return config["visitor"], stored["id"]


def test_the_banners_consent_of_a_linked_visitor_is_the_art_31_evidence(container: Container, admin: Actor) -> None:
    text = (FIXTURES / "provision.yaml").read_text(encoding="utf-8") + TAG
    container.ledger.apply(load_ledger_text(text, source="provision.yaml"), actor="test")
    c = container
    values = {"name": "山田 花子", "email": "hanako@example.jp", "cookie-id": "ck-0001"}
    person = c.subjects.acquire(AcquisitionIn(subject_kind="customer", values=values, channel="web-order"), admin)
    pid = person.person_id

    def provide() -> Reason:
        return (
            c.provision.provide([pid], ["cookie-id"], "ad-partner", Basis.personally_referable, admin)
            .outcomes[0]
            .decision.reason
        )

    visitor, record = choose(c, None, "accept_all")
    assert provide() is Reason.referable_not_confirmed  # not linked to the person yet
    c.web_consents.link(visitor, pid, admin)
    assert provide() is Reason.referable_consent_confirmed
    [provided] = c.provision.records_for_person(pid, admin)
    assert provided.fields["consent_confirmed"] == {
        "web_consent": record,
        "method": "web_consent",
        "foreign_information": False,
    }
    c.clock.advance(dt.timedelta(seconds=1))  # type: ignore[attr-defined]  (the test's FixedClock)
    choose(c, visitor, "withdraw")
    assert provide() is Reason.referable_not_confirmed
