"""The portal's words for requests, Japanese first and English."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "ja": {
        "title": "開示等のご請求",
        "intro": "当社が保有するあなたの個人情報について、開示・訂正・利用停止等をご請求いただけます。"
        "ご登録のメールアドレスに確認コードをお送りし、ご本人であることを確認します。",
        "kind": "ご請求の種類",
        "email": "ご登録のメールアドレス",
        "method": "開示の方法",
        "electronic": "電子データ（ダウンロード）",
        "paper": "書面（郵送）",
        "ground": "理由（利用停止・消去・第三者提供停止の場合）",
        "details": "ご請求の内容（任意）",
        "submit": "請求する",
        "fees": "手数料",
        "no_fee": "無料",
        "fees_on": "{date}現在",
        "yen": "円",
        "deadline": "法第39条：ご請求が届いた日から2週間を経過すると、訴えを提起することができます。",
        "status": "ご請求の状況",
        "received_on": "受付日",
        "due_on": "回答予定日",
        "code_sent": "ご登録のメールアドレスあてに確認コードをお送りしました（ご登録がない場合は届きません）。",
        "code": "確認コード（6桁）",
        "verify": "確認する",
        "new_code": "確認コードを再送する",
        "fee_due": "手数料 {fee} 円のお支払いをお願いします。お支払いを確認した後に回答いたします（法第38条）。",
        "pay_by": "お支払い方法",
        "outcome": "回答",
        "reason": "理由",
        "download": "ダウンロード",
        "download_until": "{until} までダウンロードできます。",
        "download_expired": "ダウンロードの期間が終わりました。改めて開示をご希望の場合は、窓口にご請求ください。",
        "download_erased": "ご請求によりお客様の個人データを消去したため、開示のファイルも削除しました。",
        "notified": "{at} に回答をお知らせしました。",
        "audit_proof": "この回答が監査ログに記録され、書き換えられていないことの証明（JSON、公開鍵で検証できます）",
        "withdraw": "ご請求を取り下げる",
        "keep_link": "このページのアドレスは、あなたのご請求を確認するための鍵です。他の方に教えないでください。",
        "bad_form": "入力内容をご確認ください。",
        "csrf": "フォームの有効期限が切れました。もう一度お試しください。",
        "too_many": "短時間に多くのご請求がありました。しばらくしてからお試しください。",
        "choose": "選択してください",
    },
    "en": {
        "title": "Requests about your personal information",
        "intro": "You can ask us to disclose, correct, stop using or delete the personal information we hold "
        "about you. We send a confirmation code to the e-mail address we know you by, to make sure it is you.",
        "kind": "What you ask for",
        "email": "Your registered e-mail address",
        "method": "How you want the disclosure",
        "electronic": "Electronic (download)",
        "paper": "On paper (by post)",
        "ground": "Why (for suspension, erasure or stopping provision)",
        "details": "Details (optional)",
        "submit": "Send the request",
        "fees": "Fees",
        "no_fee": "free",
        "fees_on": "as of {date}",
        "yen": "yen",
        "deadline": "Art. 39: two weeks after your request arrives, you may take the matter to court.",
        "status": "Your request",
        "received_on": "Received",
        "due_on": "Answer due by",
        "code_sent": "We sent a confirmation code to your registered e-mail address "
        "(none arrives if we do not know it).",
        "code": "Confirmation code (6 digits)",
        "verify": "Confirm",
        "new_code": "Send a new code",
        "fee_due": "Please pay the fee of {fee} yen. We answer once the payment is confirmed (Art. 38).",
        "pay_by": "Ways to pay",
        "outcome": "Answer",
        "reason": "Reason",
        "download": "Download",
        "download_until": "You can download it until {until}.",
        "download_expired": "The download period has ended. To see your data again, please make a new request.",
        "download_erased": "As your personal data was erased at your request, the disclosure file was deleted too.",
        "notified": "We sent you the answer at {at}.",
        "audit_proof": "Proof that this answer is recorded in the audit log and was not rewritten (JSON, verifiable "
        "with the published public key)",
        "withdraw": "Withdraw the request",
        "keep_link": "The address of this page is the key to your request. Do not share it.",
        "bad_form": "Please check what you entered.",
        "csrf": "The form expired. Please try again.",
        "too_many": "Too many requests in a short time. Please try again later.",
        "choose": "Choose",
    },
}

KINDS = {
    "purpose_notification": ("利用目的の通知", "Notification of the purposes of use"),
    "disclosure": ("開示", "Disclosure"),
    "provision_record_disclosure": ("第三者提供記録の開示", "Disclosure of third-party provision records"),
    "correction": ("訂正・追加・削除", "Correction, addition or deletion"),
    "suspension_of_use": ("利用停止", "Suspension of use"),
    "erasure": ("消去", "Erasure"),
    "suspension_of_provision": ("第三者提供の停止", "Stopping provision to third parties"),
    "complaint": ("苦情・お問い合わせ", "Complaint or inquiry"),
}
GROUNDS = {
    "out_of_purpose_or_improper": (
        "目的外利用・不適正利用（法第35条第1項）",
        "Used beyond its purposes or improperly (Art. 35(1))",
    ),
    "improper_acquisition": ("不正取得（法第35条第1項）", "Acquired improperly (Art. 35(1))"),
    "unlawful_provision": ("違法な第三者提供（法第35条第3項）", "Provided unlawfully (Art. 35(3))"),
    "no_longer_needed": ("利用する必要がなくなった（法第35条第5項）", "No longer needed (Art. 35(5))"),
    "reportable_breach": ("漏えい等が発生した（法第35条第5項）", "A reportable breach occurred (Art. 35(5))"),
    "harm_to_rights": ("権利利益が害されるおそれ（法第35条第5項）", "Harm to my rights or interests (Art. 35(5))"),
}
STATUSES = {
    "received": ("受付済み", "Received"),
    "identity_pending": ("ご本人確認待ち", "Waiting for the confirmation code"),
    "identity_verified": ("ご本人確認済み", "Identity confirmed"),
    "fee_pending": ("手数料のお支払い待ち", "Waiting for the fee"),
    "fee_paid": ("手数料お支払い済み", "Fee paid"),
    "in_review": ("確認中", "Under review"),
    "decided": ("回答準備中", "Answer being prepared"),
    "handed_over": ("回答準備中", "Answer being prepared"),
    "fulfilled": ("回答済み（対応済み）", "Answered and carried out"),
    "answered": ("回答済み", "Answered"),
    "closed": ("完了", "Closed"),
    "withdrawn": ("取り下げ済み", "Withdrawn"),
    "rejected": ("お受けできませんでした", "Not accepted"),
}
OUTCOMES = {
    "full": ("ご請求のとおり対応しました", "We did what you asked"),
    "partial": ("ご請求の一部について対応しました", "We did part of what you asked"),
    "refused": ("ご請求には応じられません", "We cannot do what you asked"),
    "no_such_data": ("該当する保有個人データはありません", "We hold no such data about you"),
}


def pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    ja, en = table.get(key, (key, key))
    return ja if lang == "ja" else en


REFUSALS = {
    "code-invalid": (
        "確認コードが無効です。新しいコードをお送りください。",
        "The code is not valid; ask for a new one.",
    ),
    "code-expired": (
        "確認コードの有効期限が切れました。新しいコードをお送りください。",
        "The code has expired; ask for a new one.",
    ),
    "code-mismatch": ("確認コードが一致しません。", "The code does not match."),
    "codes-exhausted": (
        "これ以上コードを送れません。窓口にお問い合わせください。",
        "No more codes can be sent; please contact the desk.",
    ),
    "code-too-soon": ("1分ほど待ってから、もう一度お試しください。", "Please wait a minute before asking again."),
    "ground-missing": (
        "利用停止・消去・第三者提供停止の理由を選んでください（法第35条）。",
        "Choose why you ask (Art. 35).",
    ),
    "ground-not-supported": (
        "この理由はこの種類のご請求には使えません。",
        "That reason does not fit this kind of request.",
    ),
}
