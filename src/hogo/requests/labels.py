"""Japanese and English labels of the request domain's own codes (decision grounds, agents), for the desk. Pure."""

from __future__ import annotations

from collections.abc import Mapping

from hogo.requests.policy import AgentKind, Ground

GROUND: Mapping[Ground, tuple[str, str]] = {
    Ground.harm_to_life_or_rights: (
        "本人又は第三者の生命・身体・財産その他の権利利益を害するおそれ",
        "harm to anyone's life or rights",
    ),
    Ground.business_hindrance: ("業務の適正な実施に著しい支障を及ぼすおそれ", "serious hindrance to the business"),
    Ground.other_law_violation: ("他の法令に違反することとなる", "would break another law"),
    Ground.other_law_procedure: ("他の法令に開示等の手続が定められている", "another law sets the procedure"),
    Ground.record_existence_harmful: ("存否が明らかになることで害が生じる記録", "even its existence would cause harm"),
    Ground.content_not_untrue: ("内容が事実でないとはいえない", "the content is not untrue"),
    Ground.correction_not_needed_for_purpose: ("利用目的の達成に必要な範囲を超える訂正", "not needed for the purpose"),
    Ground.no_statutory_ground: ("法の定める要件に当たらない", "the law's conditions are not met"),
    Ground.alternative_measure: ("代わりの措置をとった", "an alternative measure was taken"),
    Ground.not_a_complaint_matter: ("苦情の対象ではない", "not a matter for a complaint"),
}
AGENT_KIND: Mapping[AgentKind, tuple[str, str]] = {
    AgentKind.legal_representative: ("法定代理人（未成年者の親権者、成年後見人）", "legal representative"),
    AgentKind.appointed_agent: ("本人が委任した代理人", "appointed agent"),
}
