"""Why the provision gate allowed or refused: stable reason codes, the article, and ja/en text. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Reason(StrEnum):
    # allowed
    consent_given = "consent-given"
    foreign_consent_given = "foreign-consent-given"
    statutory_exception = "statutory-exception"
    opt_out = "opt-out"
    referable_consent_confirmed = "referable-consent-confirmed"
    entrusted = "entrusted"
    joint_use = "joint-use"
    business_succession = "business-succession"
    # refused: the recipient and the basis
    unknown_recipient = "unknown-recipient"
    basis_mismatch = "basis-mismatch"
    justification_required = "justification-required"
    # refused: the person and the items
    person_erased = "person-erased"
    unknown_item = "unknown-item"
    item_not_acquired = "item-not-acquired"
    my_number = "my-number"
    item_not_declared = "item-not-declared"
    provision_suspended = "provision-suspended"
    # refused: consent (Art. 27(1))
    consent_missing = "consent-missing"
    consent_withdrawn = "consent-withdrawn"
    # refused: opt-out (Art. 27(2))
    opt_out_not_filed = "opt-out-not-filed"
    opt_out_not_started = "opt-out-not-started"
    opt_out_not_a_purpose = "opt-out-not-a-purpose"
    opt_out_special_care = "opt-out-special-care"
    opt_out_item_not_filed = "opt-out-item-not-filed"
    opted_out = "opted-out"
    # refused: entrustment and joint use (Art. 27(5))
    purpose_required = "purpose-required"
    purpose_not_held = "purpose-not-held"
    item_not_entrusted = "item-not-entrusted"
    purpose_not_entrusted = "purpose-not-entrusted"
    supervision_failed = "supervision-failed"
    item_not_joint_use = "item-not-joint-use"
    purpose_not_joint_use = "purpose-not-joint-use"
    user_not_joint_use = "user-not-joint-use"
    # refused: abroad (Art. 28)
    foreign_consent_missing = "foreign-consent-missing"
    foreign_consent_withdrawn = "foreign-consent-withdrawn"
    foreign_not_informed = "foreign-not-informed"
    foreign_not_adequate = "foreign-not-adequate"
    foreign_check_overdue = "foreign-check-overdue"
    foreign_check_failed = "foreign-check-failed"
    # refused: personally referable information (Art. 31)
    referable_not_linking = "referable-not-linking"
    referable_items_only = "referable-items-only"
    referable_not_confirmed = "referable-not-confirmed"
    # processed information (Arts. 41-44)
    processed_statistics = "processed-statistics"
    processed_anonymised = "processed-anonymised"
    processed_pseudonymised_entrusted = "processed-pseudonymised-entrusted"
    processed_pseudonymised = "processed-pseudonymised"
    processed_unknown = "processed-unknown"


@dataclass(frozen=True, slots=True)
class ReasonText:
    article: str
    ja: str
    en: str


R = Reason
T = ReasonText
REASONS: dict[Reason, ReasonText] = {
    R.consent_given: T("Art. 27(1)", "本人の同意に基づく第三者提供です", "provision with the person's consent"),
    R.foreign_consent_given: T(
        "Art. 28(1)",
        "外国の制度等の情報を示した上での本人の同意に基づく提供です",
        "provision abroad with consent given after the country information was shown",
    ),
    R.statutory_exception: T(
        "Art. 27(1)", "法第27条第1項各号の例外に基づく提供です", "provision under a statutory exception of Art. 27(1)"
    ),
    R.opt_out: T(
        "Art. 27(2)",
        "個人情報保護委員会に届け出たオプトアウトによる提供です",
        "provision by the opt-out filed with the PPC",
    ),
    R.referable_consent_confirmed: T(
        "Art. 31(1)",
        "提供先が本人の同意を得ていることを確認済みです",
        "the recipient's consent from the person was confirmed",
    ),
    R.entrusted: T(
        "Art. 27(5)(1)",
        "委託先への委託された業務の範囲内の提供です（第三者提供に当たりません）",
        "entrustment within the entrusted work (not a third party)",
    ),
    R.joint_use: T(
        "Art. 27(5)(3)",
        "公表した共同利用の範囲内です（第三者提供に当たりません）",
        "joint use within what was published (not a third party)",
    ),
    R.business_succession: T(
        "Art. 27(5)(2)",
        "事業の承継に伴う提供です（第三者提供に当たりません）",
        "business succession (not a third party)",
    ),
    R.unknown_recipient: T("Art. 27(1)", "台帳にない提供先です", "the recipient is not in the ledger"),
    R.basis_mismatch: T(
        "Art. 27",
        "この提供先には台帳上この根拠で提供できません",
        "the ledger does not allow provision to this recipient on this basis",
    ),
    R.justification_required: T(
        "Art. 27(1)",
        "法令上の例外による提供には理由の記録が必要です",
        "provision under a statutory exception needs the operator's justification",
    ),
    R.person_erased: T("Art. 22", "本人のデータは消去済みです", "the person's data was erased"),
    R.unknown_item: T("Art. 17(1)", "台帳にない項目です: {item}", "the item is not in the ledger: {item}"),
    R.item_not_acquired: T(
        "Art. 20", "項目 {item} は取得していません", "item {item} was not acquired from this person"
    ),
    R.my_number: T(
        "My Number Act Art. 19",
        "個人番号 {item} は法令による場合、個人番号関係事務の委託、事業の承継の場合を除き提供できません",
        "the My Number {item} may be provided only by law, to an entrustee of a statutory task, or in a succession",
    ),
    R.item_not_declared: T(
        "Art. 27(1)",
        "項目 {item} はこの提供先への提供項目として台帳にありません",
        "the ledger does not name item {item} for this recipient",
    ),
    R.provision_suspended: T(
        "Art. 35(3)", "本人の請求により第三者提供を停止しています", "provision is suspended at the person's request"
    ),
    R.consent_missing: T(
        "Art. 27(1)", "第三者提供には本人の同意が必要です", "provision to a third party needs the person's consent"
    ),
    R.consent_withdrawn: T(
        "Art. 27(1)", "この提供先への同意は撤回されています", "the consent to this recipient was withdrawn"
    ),
    R.opt_out_not_filed: T(
        "Art. 27(2), Rule 11",
        "オプトアウトの届出（9項目と届出番号）が台帳にありません",
        "the ledger holds no opt-out filing (the nine items and the filing reference)",
    ),
    R.opt_out_not_started: T(
        "Art. 27(2), Rule 11(4)(ii)",
        "オプトアウトによる提供の開始予定日前です",
        "the planned start date of opt-out provision has not come",
    ),
    R.opt_out_not_a_purpose: T(
        "Art. 27(2)(ii)",
        "第三者提供が利用目的になっていません",
        "provision to third parties is not a stated purpose of use",
    ),
    R.opt_out_special_care: T(
        "Art. 27(2)",
        "要配慮個人情報 {item} はオプトアウトで提供できません",
        "the special care-required item {item} may never be provided by opt-out",
    ),
    R.opt_out_item_not_filed: T(
        "Art. 27(2)(iii)", "項目 {item} はオプトアウトの届出にありません", "item {item} is not in the opt-out filing"
    ),
    R.opted_out: T(
        "Art. 27(2)", "本人がオプトアウトにより提供の停止を求めています", "the person opted out of this provision"
    ),
    R.purpose_required: T(
        "Art. 27(5)",
        "委託・共同利用では利用目的の指定が必要です",
        "name the purpose for entrustment or joint use",
    ),
    R.purpose_not_held: T(
        "Art. 18(1)",
        "項目 {item} はこの利用目的で取り扱っていません",
        "item {item} is not held for this purpose",
    ),
    R.item_not_entrusted: T(
        "Art. 27(5)(1)", "項目 {item} はこの委託先に委託していません", "item {item} is not entrusted to this entrustee"
    ),
    R.purpose_not_entrusted: T(
        "Art. 27(5)(1)",
        "この利用目的の業務はこの委託先に委託していません",
        "work for this purpose is not entrusted to this entrustee",
    ),
    R.supervision_failed: T(
        "Art. 25",
        "委託先の直近の監督で問題が見つかっています",
        "the latest supervision of the entrustee found it failing",
    ),
    R.item_not_joint_use: T(
        "Art. 27(5)(3)",
        "項目 {item} は共同利用の項目として公表していません",
        "item {item} is not published as jointly used",
    ),
    R.purpose_not_joint_use: T(
        "Art. 27(5)(3)",
        "この利用目的は共同利用の目的として公表していません",
        "the purpose is not a published purpose of the joint users",
    ),
    R.user_not_joint_use: T(
        "Art. 27(5)(3)",
        "この利用者は公表した共同利用者の範囲にありません",
        "the user is not within the published scope of joint users",
    ),
    R.foreign_consent_missing: T(
        "Art. 28(1)",
        "外国にある第三者への提供には本人の同意が必要です",
        "provision to a third party abroad needs the person's consent",
    ),
    R.foreign_consent_withdrawn: T(
        "Art. 28(1)",
        "外国にある第三者への提供の同意は撤回されています",
        "the consent to the transfer abroad was withdrawn",
    ),
    R.foreign_not_informed: T(
        "Art. 28(2), Rule 17",
        "同意の際に国名・制度・提供先の措置が示されていません",
        "the country, its regime and the recipient's measures were not shown at consent",
    ),
    R.foreign_not_adequate: T(
        "Art. 28(1), Rule 15",
        "提供先の国は個人情報保護委員会が認める国ではありません",
        "the recipient's country has no PPC adequacy designation",
    ),
    R.foreign_check_overdue: T(
        "Art. 28(3), Rule 18(1)",
        "基準適合体制の定期的な確認が期限を過ぎています",
        "the periodic check of the recipient's equivalent measures is due or overdue",
    ),
    R.foreign_check_failed: T(
        "Art. 28(3), Rule 18(1)",
        "定期的な確認で問題が見つかり、提供を停止しています",
        "the periodic check found a problem; provision stops",
    ),
    R.referable_not_linking: T(
        "Art. 31(1)",
        "台帳上この提供先は個人関連情報を個人データとして取得する者ではありません",
        "the ledger does not say this recipient links personally referable information",
    ),
    R.referable_items_only: T(
        "Art. 31(1)", "項目 {item} は個人関連情報ではありません", "item {item} is not personally referable information"
    ),
    R.referable_not_confirmed: T(
        "Art. 31(1), Rule 26",
        "提供先が本人の同意を得ていることを確認していません",
        "the recipient's consent from the person has not been confirmed",
    ),
    R.processed_statistics: T(
        "Art. 2(1)",
        "統計情報は個人に関する情報ではなく、提供できます",
        "statistics correspond to no individual and may be provided",
    ),
    R.processed_anonymised: T(
        "Art. 43(4), Rule 38",
        "匿名加工情報として、項目と提供方法を公表し、匿名加工情報である旨を明示して提供します",
        "anonymised information: the items and the method are published and the recipient is told what it is",
    ),
    R.processed_pseudonymised_entrusted: T(
        "Art. 41(6)",
        "仮名加工情報の委託・共同利用による提供です（第三者提供には当たりません）",
        "pseudonymised information to an entrustee or joint user (not a third-party provision)",
    ),
    R.processed_pseudonymised: T(
        "Art. 41(6)",
        "仮名加工情報は法令に基づく場合を除き第三者に提供できません",
        "pseudonymised information may not be provided to a third party except by law",
    ),
    R.processed_unknown: T(
        "Art. 41, 43",
        "台帳にこの加工情報の定義がありません",
        "the ledger declares no such processed information",
    ),
}
