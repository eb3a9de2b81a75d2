"""Japanese and English labels for every enum of the ledger schema, and for country codes.

Pure data. The Japanese labels use the terms of the Act and the PPC guidelines (開示, 訂正等,
利用停止等, 第三者提供の停止, 第三者提供記録の開示, 要配慮個人情報, ...); the English ones follow the
PPC's own English where it has one. A label is a noun phrase that reads well inside a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal

from hogo.ledger.schemas.catalogue import (
    ChannelKind,
    DisposalMethod,
    IdentificationCode,
    ItemCategory,
    PurposeKind,
    RetentionTrigger,
    SpecialCare,
    ValueType,
)
from hogo.ledger.schemas.datasets import ActionKind, ErasureAction, StorageMedium
from hogo.ledger.schemas.procedures import (
    AgentEvidence,
    DisclosureMethod,
    IdentityDocument,
    PaymentMethod,
    RequestChannel,
    RequestKind,
)
from hogo.ledger.schemas.processing import ColumnAction, ProcessingKind
from hogo.ledger.schemas.recipients import ProvisionBasis, TransferBasis

Lang = Literal["ja", "en"]
Pair = tuple[str, str]
"""(Japanese, English)."""

ITEM_CATEGORY: Mapping[ItemCategory, Pair] = {
    ItemCategory.identity: ("氏名・生年月日等の本人を識別する情報", "identity information (name, date of birth, etc.)"),
    ItemCategory.contact: ("住所・電話番号・メールアドレス等の連絡先", "contact details (address, telephone, e-mail)"),
    ItemCategory.demographic: ("性別・年齢等の属性情報", "demographic information (gender, age, etc.)"),
    ItemCategory.financial: ("決済・口座に関する情報", "payment and bank account information"),
    ItemCategory.credential: ("ID・パスワード等の認証情報", "login credentials"),
    ItemCategory.transaction: ("購入・取引の履歴", "purchase and transaction history"),
    ItemCategory.usage: ("サービスの利用履歴", "service usage history"),
    ItemCategory.online_identifier: ("Cookie ID等のオンライン識別子", "online identifiers such as cookie IDs"),
    ItemCategory.location: ("位置情報", "location information"),
    ItemCategory.device: ("端末に関する情報", "device information"),
    ItemCategory.communication: ("お問い合わせ等のやり取りの内容", "the content of communications with us"),
    ItemCategory.employment: ("人事・労務に関する情報", "employment information"),
    ItemCategory.recruitment: ("採用選考に関する情報", "recruitment information"),
    ItemCategory.health: ("健康に関する情報", "health information"),
    ItemCategory.business_contact: ("名刺等の取引先担当者に関する情報", "business contact information"),
    ItemCategory.official_id: ("公的な本人確認書類の情報", "official identification documents"),
    ItemCategory.other: ("その他の情報", "other information"),
}

SPECIAL_CARE: Mapping[SpecialCare, Pair] = {
    SpecialCare.race: ("人種", "race"),
    SpecialCare.creed: ("信条", "creed"),
    SpecialCare.social_status: ("社会的身分", "social status"),
    SpecialCare.medical_history: ("病歴", "medical history"),
    SpecialCare.criminal_record: ("犯罪の経歴", "criminal record"),
    SpecialCare.crime_victim: ("犯罪により害を被った事実", "having been harmed by a crime"),
    SpecialCare.disability: ("心身の機能の障害があること", "physical or mental disability"),
    SpecialCare.health_check_results: ("健康診断等の結果", "results of medical check-ups"),
    SpecialCare.medical_treatment: (
        "医師等による指導・診療・調剤が行われたこと",
        "guidance, medical care or dispensing by a doctor or pharmacist",
    ),
    SpecialCare.criminal_procedure: ("刑事事件に関する手続が行われたこと", "criminal proceedings"),
    SpecialCare.juvenile_procedure: ("少年の保護事件に関する手続が行われたこと", "juvenile protection proceedings"),
}

IDENTIFICATION_CODE: Mapping[IdentificationCode, Pair] = {
    IdentificationCode.biometric: (
        "顔・指紋等の生体情報を変換した符号",
        "codes derived from biometric data (face, fingerprint)",
    ),
    IdentificationCode.passport: ("旅券番号", "passport number"),
    IdentificationCode.basic_pension: ("基礎年金番号", "basic pension number"),
    IdentificationCode.drivers_licence: ("運転免許証番号", "driver's license number"),
    IdentificationCode.resident_record_code: ("住民票コード", "resident record code"),
    IdentificationCode.my_number: ("個人番号（マイナンバー）", "Individual Number (My Number)"),
    IdentificationCode.health_insurance: ("健康保険の被保険者記号・番号等", "health insurance insured-person number"),
    IdentificationCode.long_term_care_insurance: ("介護保険の被保険者番号", "long-term care insurance number"),
    IdentificationCode.residence_card: ("在留カードの番号", "residence card number"),
    IdentificationCode.special_permanent_resident: (
        "特別永住者証明書の番号",
        "special permanent resident certificate number",
    ),
    IdentificationCode.employment_insurance: ("雇用保険の被保険者番号", "employment insurance number"),
}

VALUE_TYPE: Mapping[ValueType, Pair] = {
    ValueType.text: ("文字列", "text"),
    ValueType.name: ("氏名", "name"),
    ValueType.email: ("メールアドレス", "e-mail address"),
    ValueType.phone: ("電話番号", "telephone number"),
    ValueType.postal_code: ("郵便番号", "postal code"),
    ValueType.address: ("住所", "address"),
    ValueType.date: ("日付", "date"),
    ValueType.number: ("数値", "number"),
    ValueType.my_number: ("個人番号", "Individual Number"),
    ValueType.card_number: ("カード番号", "card number"),
    ValueType.ip_address: ("IPアドレス", "IP address"),
    ValueType.url: ("URL", "URL"),
    ValueType.json: ("構造化データ（JSON）", "structured data (JSON)"),
    ValueType.file: ("ファイル", "file"),
}

PURPOSE_KIND: Mapping[PurposeKind, Pair] = {
    PurposeKind.service: ("サービスの提供", "providing our services"),
    PurposeKind.contract: ("契約の締結・履行", "concluding and performing contracts"),
    PurposeKind.billing: ("料金の請求・決済", "billing and payment"),
    PurposeKind.support: ("お問い合わせ・サポートへの対応", "inquiries and support"),
    PurposeKind.marketing: ("商品・サービスのご案内", "marketing"),
    PurposeKind.advertising: ("広告の配信", "advertising"),
    PurposeKind.analytics: ("利用状況の分析", "analytics"),
    PurposeKind.statistics: ("統計情報の作成", "statistics"),
    PurposeKind.research: ("調査・研究", "research"),
    PurposeKind.security: ("セキュリティの確保", "security"),
    PurposeKind.fraud_prevention: ("不正利用の防止", "fraud prevention"),
    PurposeKind.legal: ("法令上の義務の履行", "compliance with legal obligations"),
    PurposeKind.recruitment: ("採用選考", "recruitment"),
    PurposeKind.employment: ("雇用管理", "employment management"),
    PurposeKind.business_contact: ("取引先との連絡", "communication with business partners"),
    PurposeKind.other: ("その他", "other purposes"),
}

CHANNEL_KIND: Mapping[ChannelKind, Pair] = {
    ChannelKind.web_form: ("ウェブサイトの入力フォーム", "web form"),
    ChannelKind.app: ("スマートフォンアプリ", "mobile app"),
    ChannelKind.postcard: ("はがき", "postcard"),
    ChannelKind.letter: ("郵便", "letter"),
    ChannelKind.phone: ("電話", "telephone"),
    ChannelKind.fax: ("ファクス", "fax"),
    ChannelKind.email: ("電子メール", "e-mail"),
    ChannelKind.in_person: ("対面", "in person"),
    ChannelKind.document: ("申込書等の書面", "application forms and other documents"),
    ChannelKind.cookie: ("Cookie等", "cookies and similar technologies"),
    ChannelKind.access_log: ("アクセスログ", "access logs"),
    ChannelKind.location: ("位置情報", "location data"),
    ChannelKind.device_id: ("端末識別子", "device identifiers"),
    ChannelKind.call_recording: ("通話の録音", "call recording"),
    ChannelKind.third_party: ("第三者からの提供", "provided by a third party"),
    ChannelKind.public_source: ("公開されている情報", "publicly available sources"),
    ChannelKind.transaction_record: ("お取引の記録", "records of your transactions with us"),
    ChannelKind.user_provided_third_party: (
        "ご利用者からの提供（ご本人以外の方の情報）",
        "provided by users about other people",
    ),
}

RETENTION_TRIGGER: Mapping[RetentionTrigger, Pair] = {
    RetentionTrigger.acquisition: ("取得日", "acquisition"),
    RetentionTrigger.last_use: ("最終利用日", "last use"),
    RetentionTrigger.contract_end: ("契約終了日", "the end of the contract"),
    RetentionTrigger.membership_end: ("退会日", "the end of membership"),
    RetentionTrigger.employment_end: ("退職日", "the end of employment"),
    RetentionTrigger.recruitment_closed: ("採用選考の終了日", "the close of the recruitment process"),
    RetentionTrigger.transaction: ("取引日", "the transaction"),
    RetentionTrigger.inquiry_closed: ("お問い合わせへの対応完了日", "the close of the inquiry"),
    RetentionTrigger.purpose_achieved: ("利用目的の達成日", "the achievement of the purpose of use"),
}

DISPOSAL_METHOD: Mapping[DisposalMethod, Pair] = {
    DisposalMethod.delete: ("消去", "deletion"),
    DisposalMethod.anonymise: ("特定の個人を識別できないようにする加工", "anonymization"),
    DisposalMethod.crypto_shred: ("暗号鍵の破棄による消去", "deletion by destroying the encryption keys"),
    DisposalMethod.shred_paper: ("シュレッダーによる裁断", "shredding"),
    DisposalMethod.dissolve: ("溶解処理", "pulping"),
    DisposalMethod.return_to_person: ("ご本人への返却", "return to the person"),
}

PROVISION_BASIS: Mapping[ProvisionBasis, Pair] = {
    ProvisionBasis.consent: ("ご本人の同意", "the person's consent"),
    ProvisionBasis.opt_out: ("オプトアウトによる提供（法第27条第2項）", "opt-out (Article 27(2) of the APPI)"),
    ProvisionBasis.law: ("法令に基づく提供", "required by law"),
    ProvisionBasis.life_body_property: (
        "人の生命、身体又は財産の保護のための提供",
        "protection of a person's life, body or property",
    ),
    ProvisionBasis.public_health_children: (
        "公衆衛生の向上又は児童の健全な育成の推進のための提供",
        "public health or the sound development of children",
    ),
    ProvisionBasis.government_cooperation: (
        "国の機関等が行う法令の定める事務への協力",
        "cooperation with public authorities performing duties prescribed by law",
    ),
    ProvisionBasis.academic: ("学術研究目的での提供", "academic research"),
    ProvisionBasis.business_succession: (
        "合併その他の事由による事業の承継",
        "business succession by merger or otherwise",
    ),
}

TRANSFER_BASIS: Mapping[TransferBasis, Pair] = {
    TransferBasis.consent: (
        "外国にある第三者への提供についてのご本人の同意",
        "the person's consent to the transfer abroad",
    ),
    TransferBasis.adequacy: (
        "個人情報保護委員会が日本と同等の水準にあると認めた国（EU・英国）への提供",
        "a country the PPC recognizes as having an equivalent level of protection (EU/UK)",
    ),
    TransferBasis.equivalent_measures: (
        "提供先における基準に適合する体制の整備（相当措置の継続的な実施）",
        "the recipient's system conforming to the PPC standards (equivalent measures)",
    ),
    TransferBasis.cbpr: ("提供先のAPEC越境プライバシールール（CBPR）認証", "the recipient's APEC CBPR certification"),
    TransferBasis.law: ("法令に基づく提供", "required by law"),
}

REQUEST_KIND: Mapping[RequestKind, Pair] = {
    RequestKind.purpose_notification: ("利用目的の通知", "notification of the purpose of use"),
    RequestKind.disclosure: ("開示", "disclosure"),
    RequestKind.provision_record_disclosure: (
        "第三者提供記録の開示",
        "disclosure of third-party provision records",
    ),
    RequestKind.correction: ("訂正等（訂正・追加・削除）", "correction (including addition and deletion)"),
    RequestKind.suspension_of_use: ("利用停止等", "suspension of use"),
    RequestKind.erasure: ("消去", "erasure"),
    RequestKind.suspension_of_provision: ("第三者提供の停止", "cessation of provision to third parties"),
    RequestKind.complaint: ("苦情の申出", "complaint"),
}

REQUEST_CHANNEL: Mapping[RequestChannel, Pair] = {
    RequestChannel.post: ("郵送", "post"),
    RequestChannel.phone: ("電話", "telephone"),
    RequestChannel.email: ("電子メール", "e-mail"),
    RequestChannel.web_form: ("ウェブサイトのお問い合わせフォーム", "web form"),
    RequestChannel.in_person: ("窓口へのご来訪", "in person at our desk"),
    RequestChannel.fax: ("ファクス", "fax"),
}

IDENTITY_DOCUMENT: Mapping[IdentityDocument, Pair] = {
    IdentityDocument.drivers_licence: ("運転免許証", "driver's license"),
    IdentityDocument.passport: ("パスポート", "passport"),
    IdentityDocument.my_number_card_front: ("マイナンバーカード（表面のみ）", "My Number card (front side only)"),
    IdentityDocument.health_insurance_certificate: (
        "健康保険の資格確認書等",
        "health insurance qualification certificate",
    ),
    IdentityDocument.residence_card: ("在留カード", "residence card"),
    IdentityDocument.special_permanent_resident_certificate: (
        "特別永住者証明書",
        "special permanent resident certificate",
    ),
    IdentityDocument.pension_book: ("年金手帳", "pension book"),
    IdentityDocument.seal_certificate: (
        "印鑑登録証明書（実印の押印とあわせて）",
        "seal registration certificate (with the registered seal)",
    ),
    IdentityDocument.registered_credentials: (
        "ご登録のID・パスワードによるログイン",
        "logging in with your registered ID and password",
    ),
    IdentityDocument.callback_to_registered_phone: (
        "ご登録の電話番号への折り返しのお電話",
        "a call back to your registered telephone number",
    ),
    IdentityDocument.registered_details: (
        "ご登録内容（生年月日等）の照合",
        "checking your registered details (such as your date of birth)",
    ),
    IdentityDocument.jpki_signature: (
        "マイナンバーカードによる電子署名（公的個人認証）",
        "an electronic signature with your My Number card (JPKI)",
    ),
    IdentityDocument.one_time_code: ("ワンタイムコードによる認証", "a one-time code"),
    IdentityDocument.caller_id: ("発信者番号通知による電話番号の確認", "the caller's number shown by caller ID"),
}

PAYMENT_METHOD: Mapping[PaymentMethod, Pair] = {
    PaymentMethod.bank_transfer: ("銀行振込", "bank transfer"),
    PaymentMethod.postal_money_order: ("定額小為替", "postal money order"),
    PaymentMethod.postage_stamps: ("郵便切手", "postage stamps"),
    PaymentMethod.cash_on_delivery: ("代金引換", "cash on delivery"),
    PaymentMethod.credit_card: ("クレジットカード", "credit card"),
    PaymentMethod.cash: ("窓口での現金払い", "cash at our desk"),
}

AGENT_EVIDENCE: Mapping[AgentEvidence, Pair] = {
    AgentEvidence.power_of_attorney: ("委任状", "a power of attorney"),
    AgentEvidence.seal_certificate: ("印鑑登録証明書", "a seal registration certificate"),
    AgentEvidence.family_register: ("戸籍謄本等", "an extract of the family register"),
    AgentEvidence.resident_record: ("住民票の写し", "a copy of the resident record"),
    AgentEvidence.guardianship_certificate: (
        "成年後見に関する登記事項証明書",
        "a certificate of registered matters on adult guardianship",
    ),
}

DISCLOSURE_METHOD: Mapping[DisclosureMethod, Pair] = {
    DisclosureMethod.electronic: ("電磁的記録の提供", "electronic records"),
    DisclosureMethod.paper: ("書面の交付", "paper documents"),
    DisclosureMethod.inspection: ("当社が指定する場所での閲覧", "inspection at a place we designate"),
}

STORAGE_MEDIUM: Mapping[StorageMedium, Pair] = {
    StorageMedium.electronic: ("電子媒体", "electronic media"),
    StorageMedium.paper: ("紙媒体", "paper"),
    StorageMedium.both: ("電子媒体及び紙媒体", "electronic media and paper"),
}

ERASURE_ACTION: Mapping[ErasureAction, Pair] = {
    ErasureAction.delete_row: ("行を削除", "delete the row"),
    ErasureAction.set_null: ("値を消去（NULL）", "clear the value (NULL)"),
    ErasureAction.mask: ("マスキング", "mask"),
    ErasureAction.keyed_hash: ("鍵付きハッシュに置換", "replace with a keyed hash"),
    ErasureAction.keep: ("保持", "keep"),
}

PROCESSING_KIND: Mapping[ProcessingKind, Pair] = {
    ProcessingKind.statistics: ("統計情報", "statistics"),
    ProcessingKind.pseudonymised: ("仮名加工情報", "pseudonymised information"),
    ProcessingKind.anonymised: ("匿名加工情報", "anonymised information"),
}

COLUMN_ACTION: Mapping[ColumnAction, Pair] = {
    ColumnAction.keep: ("そのまま", "keep"),
    ColumnAction.delete: ("削除", "delete"),
    ColumnAction.generalise: ("一般化（準識別子）", "generalise (quasi-identifier)"),
    ColumnAction.sensitive: ("機微属性", "sensitive attribute"),
    ColumnAction.top_code: ("トップコーディング", "top-coding"),
    ColumnAction.bottom_code: ("ボトムコーディング", "bottom-coding"),
    ColumnAction.round: ("丸め", "rounding"),
    ColumnAction.suppress: ("全て秘匿", "suppress"),
    ColumnAction.pseudonym: ("鍵付き仮名に置換", "replace with a keyed pseudonym"),
}

ACTION_KIND: Mapping[ActionKind, Pair] = {
    ActionKind.erasure: ("消去", "erasure"),
    ActionKind.suspension_of_use: ("利用停止", "suspension of use"),
}

LABELS: Mapping[type[StrEnum], Mapping[Any, Pair]] = {
    ItemCategory: ITEM_CATEGORY,
    SpecialCare: SPECIAL_CARE,
    IdentificationCode: IDENTIFICATION_CODE,
    ValueType: VALUE_TYPE,
    PurposeKind: PURPOSE_KIND,
    ChannelKind: CHANNEL_KIND,
    RetentionTrigger: RETENTION_TRIGGER,
    DisposalMethod: DISPOSAL_METHOD,
    ProvisionBasis: PROVISION_BASIS,
    TransferBasis: TRANSFER_BASIS,
    RequestKind: REQUEST_KIND,
    RequestChannel: REQUEST_CHANNEL,
    IdentityDocument: IDENTITY_DOCUMENT,
    PaymentMethod: PAYMENT_METHOD,
    AgentEvidence: AGENT_EVIDENCE,
    DisclosureMethod: DISCLOSURE_METHOD,
    StorageMedium: STORAGE_MEDIUM,
    ErasureAction: ERASURE_ACTION,
    ProcessingKind: PROCESSING_KIND,
    ColumnAction: COLUMN_ACTION,
    ActionKind: ACTION_KIND,
}
"""Every labelled enum and its table; `tests/unit/ledger/test_vocab.py` checks that none is missing."""

COUNTRIES: Mapping[str, Pair] = {
    "JP": ("日本", "Japan"),
    "US": ("アメリカ合衆国", "the United States"),
    "CA": ("カナダ", "Canada"),
    "MX": ("メキシコ", "Mexico"),
    "BR": ("ブラジル", "Brazil"),
    "GB": ("英国", "the United Kingdom"),
    "IE": ("アイルランド", "Ireland"),
    "DE": ("ドイツ", "Germany"),
    "FR": ("フランス", "France"),
    "NL": ("オランダ", "the Netherlands"),
    "BE": ("ベルギー", "Belgium"),
    "LU": ("ルクセンブルク", "Luxembourg"),
    "AT": ("オーストリア", "Austria"),
    "IT": ("イタリア", "Italy"),
    "ES": ("スペイン", "Spain"),
    "PT": ("ポルトガル", "Portugal"),
    "SE": ("スウェーデン", "Sweden"),
    "DK": ("デンマーク", "Denmark"),
    "FI": ("フィンランド", "Finland"),
    "NO": ("ノルウェー", "Norway"),
    "PL": ("ポーランド", "Poland"),
    "CH": ("スイス", "Switzerland"),
    "IL": ("イスラエル", "Israel"),
    "AE": ("アラブ首長国連邦", "the United Arab Emirates"),
    "IN": ("インド", "India"),
    "CN": ("中華人民共和国", "the People's Republic of China"),
    "HK": ("香港", "Hong Kong"),
    "TW": ("台湾", "Taiwan"),
    "KR": ("大韓民国", "the Republic of Korea"),
    "SG": ("シンガポール", "Singapore"),
    "MY": ("マレーシア", "Malaysia"),
    "TH": ("タイ", "Thailand"),
    "VN": ("ベトナム", "Vietnam"),
    "PH": ("フィリピン", "the Philippines"),
    "ID": ("インドネシア", "Indonesia"),
    "AU": ("オーストラリア", "Australia"),
    "NZ": ("ニュージーランド", "New Zealand"),
}
"""Country names for ISO 3166-1 alpha-2 codes that data is commonly sent to; others show the code."""


def label(value: StrEnum, lang: Lang | str) -> str:
    """The label of an enum member in `lang` ('ja' or 'en'; anything else gives Japanese)."""
    ja, en = LABELS[type(value)][value]
    return en if lang == "en" else ja


def country_name(code: str, lang: Lang | str) -> str:
    """The name of a country from its ISO 3166-1 alpha-2 code; the code itself when unknown."""
    pair = COUNTRIES.get(code.upper())
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]
