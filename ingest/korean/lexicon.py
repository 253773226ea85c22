"""Words and patterns the Korean rules match: roles, agreement kinds, name suffixes."""

from __future__ import annotations

import re

ROLES = {  # longest first when matching
    "행정1부시장": "vice_mayor",
    "행정2부시장": "vice_mayor",
    "행정부시장": "vice_mayor",
    "정무부시장": "vice_mayor",
    "부시장": "vice_mayor",
    "시장": "mayor",
    "도지사": "governor",
    "주지사": "governor",
    "성장": "governor",
    "지사": "governor",
    "장관": "minister",
    "시의회 의장": "council_speaker",
    "시의회의장": "council_speaker",
    "의회 의장": "council_speaker",
    "의장": "council_speaker",
    "구청장": "other",
    "총리": "other",
    "대사": "other",
    "총영사": "other",
    "차관": "other",
    "본부장": "other",
    "위원장": "other",
    "사무총장": "other",
    "회장": "other",
}
_ROLE_RE = "|".join(sorted((re.escape(r) for r in ROLES), key=len, reverse=True))
_PAIR = re.compile(
    r"(?<![가-힣])([가-힣][가-힣·]*(?: [가-힣][가-힣·]*){0,3})\s?\(([A-Za-z][^()가-힣]{0,80}?)\)"
)
_QUOTE = re.compile(r"[‘'“\"「『]([^‘’'“”\"「」『』\n]{2,120}?)[’'”\"」』]")
_CITY_KINDS = [
    ("친선도시", "sister"),
    ("자매도시", "sister"),
    ("자매결연", "sister"),
    ("자매 결연", "sister"),
    ("우호협력도시", "friendship"),
    ("우호도시", "friendship"),
    ("우호 도시", "friendship"),
    ("우호교류", "friendship"),
]
_INSTRUMENTS = [
    ("공동선언", "declaration"),
    ("공동 선언", "declaration"),
    ("양해각서", "mou"),
    ("MOU", "mou"),
    ("교류협약", "exchange"),
    ("교류 협약", "exchange"),
    ("협력협약", "cooperation"),
    ("협력 협약", "cooperation"),
    ("협약", "mou"),
    ("협정", "cooperation"),
]
_SIGN = re.compile(r"체결|맺|격상|결연|서명|협약|협정|MOU|선언")
_MEET = re.compile(r"양자\s?회담|정상회담|회담|면담|예방|접견|화상\s?회의|만나|만남")
_PRESENT = re.compile(r"주제\s?발표|발표|기조연설|연설|발제|환영사|소개(?:된|한|하|되)")
_ATTEND = re.compile(r"참석|참여|참가|방문단|대표단")
_EVENT_END = re.compile(
    r"(포럼|정상회의|회의|총회|간담회|조찬간담회|다이얼로그|박람회|전시회|전시관|체험관|혁신관|캠프|"
    r"기업관|솔루션관|홍보관|축제|페스타|페스티벌|엑스포|위크|주간|심포지엄|세미나|컨퍼런스|"
    r"콘퍼런스|서밋|시상식|수여식|만찬|오찬|조찬|대회|비엔날레|기념식|기념행사|개막식|협약식|서명식|"
    r"Forum|Summit|Expo|Week|Festival)$"
)
_VENUE_END = re.compile(
    r"(박물관|미술관|과학관|기념관|도서관|광장|공원|섬|아트홀|홀|호텔|청사|"
    r"컨벤션센터|전시장|플라자|경기장|DDP)$"
)
_ORG_END = re.compile(
    r"(재단|센터|공사|공단|기구|위원회|협회|청|부|연합|은행|대학교|대학|연구원|"
    r"주식회사|그룹|기금|사무국|계획|정부|의회|Agency|Authority|Centre|Center|"
    r"Council|Foundation|Organization|Organisation|Programme|Program|"
    r"Government|Ministry|Bank|Services|Group|Inc|Ltd)$"
)
_EVENT_WORD = re.compile(
    r"(전시관|박람회|비엔날레|위크|페스타|축제|엑스포|페스티벌|정상회의|올림픽|캠프|교류전|"
    r"월드컵|아시안게임|시상식|강연회|설명회|주간)$"
)
_VENUE_WORD = re.compile(
    r"(박물관|미술관|과학관|기념관|도서관|광장|공원|아트홀|홀|허브|센터|오픈라운지|"
    r"시청|청사|궁|호텔|컨벤션)$"
)
_ORG_WORD = re.compile(r"(재단|공사|공단|위원회|협회|진흥원|연구원|본부|의회)$")
_PRIZE_END = re.compile(r"(상|Prize|Award|Awards)$")
_NOT_NAMES = {
    "MOU",
    "AI",
    "IT",
    "ICT",
    "CES",
    "R&D",
    "LED",
    "IOT",
    "VR",
    "AR",
    "CEO",
    "CCTV",
    "ESG",
    "K",
    "BT",
    "DDP",
}
_SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진지엄채원천"
    "방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감호"
)
_STOP_WORDS = {
    "및",
    "등",
    "또는",
    "그리고",
    "이",
    "그",
    "각",
    "총",
    "약",
    "전",
    "현",
    "신규",
    "역대",
}
_PARTICLE_END = re.compile(
    r"(은|는|이|가|을|를|에|의|도|와|과|로|으로|에서|에게|께서|까지|부터|만)$"
)
