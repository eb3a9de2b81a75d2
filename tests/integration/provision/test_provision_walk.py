"""The issue's "Done when", walked as a new user would, on the mail-order seed company's own ledger (japanet).

Delivery entrustee: allowed, no third-party record. Group companies under joint use: allowed. An unrelated
company without consent: refused with the article; with consent: allowed and recorded. Abroad: refused, and
consent cannot even be recorded while the ledger lacks the country information; once the officer adds it,
consent is given and the transfer allowed and recorded. Finally the person's disclosure of provision records
(Art. 33(5)) shows exactly those two records.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hogo.bootstrap import Container
from hogo.consent.policy import ConsentRejected
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.identity.policy import Actor
from hogo.ledger.loader import load_ledger_text
from hogo.provision.policy import Basis
from hogo.provision.reasons import Reason
from hogo.subjects.schemas import AcquisitionIn

LEDGER = Path(__file__).resolve().parents[3] / "examples" / "japanet" / "ledger.yaml"
PURPOSES = ["delivery-and-installation", "product-support", "direct-mail-and-catalogues"]
COUNTRY = """    basis: consent
    country: US
    country_name: {ja: アメリカ合衆国, en: United States of America}
    country_regime:
      ja: 連邦レベルの包括的な個人情報保護法はなく、州法等があります。
      en: No comprehensive federal law; state laws apply.
    recipient_measures:
      ja: OECD8原則に対応する措置をすべて講じています。
      en: It takes measures for all eight OECD principles.
"""


def test_a_new_user_walks_the_provision_gate(container: Container, admin: Actor) -> None:
    c = container
    text = LEDGER.read_text(encoding="utf-8")
    c.ledger.apply(load_ledger_text(text, source="japanet/ledger.yaml"), actor="officer")
    values = {"name": "田中 一郎", "address": "長崎県佐世保市日宇町2781", "phone": "0956-00-0000"}
    person = c.subjects.acquire(
        AcquisitionIn(subject_kind="customer", values=values, channel="internet", purposes=PURPOSES), admin
    ).person_id

    def provide(recipient: str, basis: Basis, **kw: str) -> tuple[bool, Reason, str, dict[str, str], str | None]:
        [o] = c.provision.provide([person], ["name", "address"], recipient, basis, admin, **kw).outcomes  # type: ignore[arg-type]
        return o.decision.allowed, o.decision.reason, o.decision.article, o.values, o.record_id

    # 1. the delivery company: entrustment, allowed, no third-party record
    allowed, reason, article, given, record = provide(
        "delivery-companies", Basis.entrustment, purpose="delivery-and-installation"
    )
    assert (allowed, reason, article, record) == (True, Reason.entrusted, "Art. 27(5)(1)", None)
    assert given == {"name": "田中 一郎", "address": "長崎県佐世保市日宇町2781"}
    # 2. the group companies: joint use, allowed, no record
    allowed, reason, article, _, record = provide("group-companies", Basis.joint_use, purpose="product-support")
    assert (allowed, reason, article, record) == (True, Reason.joint_use, "Art. 27(5)(3)", None)
    # 3. an unrelated company without consent: refused, with the article, and nothing handed over
    allowed, reason, article, given, record = provide("other-companies-products", Basis.consent)
    assert (allowed, reason, article, given, record) == (False, Reason.consent_missing, "Art. 27(1)", {}, None)
    # 4. with the person's consent: allowed and recorded
    c.consents.give(
        person,
        ConsentIn(kind=ConsentKind.provision, target="other-companies-products", method=ConsentMethod.oral),
        admin,
    )
    allowed, reason, _, given, shop_record = provide("other-companies-products", Basis.consent)
    assert (allowed, reason, given["name"]) == (True, Reason.consent_given, "田中 一郎") and shop_record
    # 5. abroad: refused; the ledger does not yet say which country, so consent cannot be asked for
    allowed, reason, article, _, _ = provide("foreign-third-party", Basis.consent)
    assert (allowed, reason, article) == (False, Reason.foreign_consent_missing, "Art. 28(1)")
    abroad = ConsentIn(
        kind=ConsentKind.foreign_transfer, target="foreign-third-party", method=ConsentMethod.web_checkbox
    )
    with pytest.raises(ConsentRejected):
        c.consents.give(person, abroad, admin)
    amended = text.replace(
        '    basis: consent\n    # "your personal information"', COUNTRY + '    # "your personal information"', 1
    )
    assert amended != text
    c.ledger.apply(load_ledger_text(amended, source="japanet/ledger.yaml"), actor="officer")
    c.clock.advance(dt.timedelta(days=1))  # type: ignore[attr-defined]
    consent = c.consents.give(person, abroad, admin)
    assert consent.shown["country"] == "US" and consent.shown["country_regime"]["ja"].startswith("連邦")
    allowed, reason, article, _, foreign_record = provide("foreign-third-party", Basis.consent)
    assert (allowed, reason, article) == (True, Reason.foreign_consent_given, "Art. 28(1)") and foreign_record
    # 6. the disclosure of provision records shows exactly those two
    records = c.provision.records_for_person(person, admin)
    assert [(r.id, r.counterpart_id, r.route) for r in records] == [
        (shop_record, "other-companies-products", "consent"),
        (foreign_record, "foreign-third-party", "consent"),
    ]
    assert all(r.fields["person"] == person and r.fields["items"] == ["name", "address"] for r in records)
    refused = [e.data["recipient"] for e in c.audit.events(action_prefix="provision.refused")]
    assert sorted(refused) == ["foreign-third-party", "other-companies-products"]
    assert c.audit.verify().ok
