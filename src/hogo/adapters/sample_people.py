"""Realistic Japanese sample people (Faker ja_JP) as acquisitions for the Japanet example ledger's demo."""

from __future__ import annotations

from collections.abc import Iterator

from faker import Faker

from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn

ORDER_PURPOSES = ["delivery-and-installation", "product-support", "order-identity-check"]
PRODUCTS = [
    "4K液晶テレビ 55型",
    "羽毛布団セット",
    "ロボット掃除機",
    "電動アシスト自転車",
    "空気清浄機",
    "ノートパソコン",
]


def _mobile(fake: Faker) -> str:
    """A Japanese mobile number (Faker's ja_JP numbers sometimes lack the leading 0)."""
    return f"0{fake.random_element(['70', '80', '90'])}-{fake.numerify('####')}-{fake.numerify('####')}"


def sample_people(count: int, *, seed: int = 2026) -> Iterator[AcquisitionIn]:
    """`count` people: customers who ordered by phone (one in ten also agreed to direct mail; each gave an e-mail
    address as contact information) and applicants."""
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    for n in range(count):
        if n % 10 == 9:
            yield AcquisitionIn(
                subject_kind="job-applicant",
                identifiers=[IdentifierIn(kind="applicant_id", value=f"A{n:06d}")],
                values={"entry-sheet": f"ES-{2026}-{n:05d}"},
                channel="recruitment-documents",
            )
            continue
        consents = (
            [ConsentIn(kind=ConsentKind.purpose, target="direct-mail-and-catalogues", method=ConsentMethod.paper_form)]
            if n % 10 == 3
            else []
        )
        phone = _mobile(fake)
        email = f"customer{n:06d}@example.jp"
        yield AcquisitionIn(
            subject_kind="customer",
            identifiers=[
                IdentifierIn(kind="member_id", value=f"C{n:06d}"),
                IdentifierIn(kind="phone", value=phone),
                IdentifierIn(kind="email", value=email),
            ],
            values={
                "name": fake.name(),
                "address": fake.address(),
                "phone": phone,
                "contact-information": email,
                "order-details": f"{fake.random_element(PRODUCTS)} × {fake.random_int(1, 3)}",
            },
            channel="toll-free-call",
            purposes=ORDER_PURPOSES,
            consents=consents,
        )
