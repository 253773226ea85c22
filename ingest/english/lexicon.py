"""Words and patterns the English rules match: roles, names, agreement kinds, verbs."""

from __future__ import annotations

import re

ROLES = {
    "lord mayor": "lord_mayor",
    "vice mayor": "vice_mayor",
    "deputy mayor": "deputy_mayor",
    "mayor": "mayor",
    "governor": "governor",
    "minister": "minister",
    "council speaker": "council_speaker",
    "speaker": "council_speaker",
}
_MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
}
_STOP_PLACES = _MONTHS | {
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Sat",
    "Sun",
    "Mayor",
    "City",
    "Governor",
    "Prize",
    "Forum",
    "Summit",
    "Hall",
    "Park",
}
_ROLE = (
    r"(?:(?:First |Second |Executive )?(?:Lord Mayor|Vice[- ]Mayor|Deputy Mayor|Mayor)|"
    r"Governor|Minister|Council Speaker|Speaker|Secretary|Commissioner|Chairman|Chairwoman|"
    r"Chair|President|Ambassador|Consul General|Director[- ]General|Director|Vice[- ]Governor)"
    r"(?: for [A-Z][\w]*(?: (?:and |[A-Z][\w]*|I{1,3}))*)?"
)
_NAME = r"[A-Z][\w'’.-]+(?:[ \t]+(?:de|van|von|da|di|le|[A-Z][\w'’-]+)){1,3}"
_PLACE = (
    r"[A-Z][\w'’-]+(?:[ \t]+(?!(?:Lord|Vice|Deputy|First|Second|Executive|Mayor|Governor)\b)"
    r"(?:[A-Z][\w'’-]+|de|of|the)){0,5}"
)
_CAP = re.compile(
    r"(?:(?:19|20)\d\d[ \t]+)?[A-Z][\w'’&.-]*(?:[ \t]+(?:of|for|and|the|de|&|"
    r"on(?=[ \t]+[A-Z])(?![ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|"
    r"Wed|Thu|Fri|Sat|Sun))|[A-Z][\w'’&.-]*|\d+(?:st|nd|rd|th)?))*"
)
_ORG_WORDS = re.compile(
    r"\b(Government|Authority|Centre|Center|Council|Foundation|Agency|"
    r"Organization|Organisation|Ministry|Bank|University|Corporation|Co\.|"
    r"Inc\.?|Ltd\.?|Group|Programme|Institute|Association|Network|Office|"
    r"Department|Commission|Committee|Services|Company|Division|Bureau|Agency|Secretariat|"
    r"Alliance|Federation|Union|Assembly|Headquarters|Embassy|Consulate|Hub)$"
)
_EVENT_TAIL = re.compile(r"\s+(?:on|for|of)\s+[A-Z][\w ]*$")
_EVENT_WORDS = re.compile(
    r"\b(Forum|Summit|Conference|Expo|Festival|Week|Dialogue|Congress|Showcase|"
    r"Roadshow|Olympics|Games|Biennale|Fair|Exhibition|Ceremony|Tour|"
    r"Assembly|Symposium|Ceremony|Exhibition|Fair|Roundtable|Games|Reception|Seminar|"
    r"Workshop|Banquet|Congress|Concert)$"
)
_PRIZE_WORDS = re.compile(r"\b(Prize|Award|Awards|Medal)$")
_VENUE_WORDS = re.compile(
    r"\b(Hall|Plaza|Hotel|Museum|Park|Square|Palace|Stadium|Arena|Gallery|"
    r"Convention Center|Convention Centre|Exhibition Center|Exhibition Centre|Library|Tower|"
    r"Plant|Facility|Hostel|Airport|Terminal|Auditorium|Theatre|Theater|Pavilion|Hall [A-Z0-9])$"
)
_KINDS = [
    (
        r"sister[-\s]+city|sister\s+cities|sisterhood|sister[-\s]+relationship|"
        r"twin(?:ning|ned)?\s+cit",
        "sister",
    ),
    (
        r"friendship[-\s]+city|friendship\s+cities|friendly\s+cit|friendship\s+agreement|"
        r"friendship and cooperation",
        "friendship",
    ),
    (r"\bMOUs?\b|memorandum of understanding", "mou"),
    (r"cooperation agreement|agreement on cooperation|partnership agreement", "cooperation"),
    (r"common declaration|joint declaration|joint statement", "declaration"),
    (r"exchange agreement", "exchange"),
]
_SIGN = re.compile(
    r"\b(sign|signed|signing|conclude|concluded|establish|established|became|"
    r"become|upgrade|upgraded|upgrading|agreed|entered into|adopted|adopt|adopts|"
    r"anniversary|ties|relationship|since|renew|renewed|renewing|extended)\b",
    re.IGNORECASE,
)
_MEET = re.compile(
    r"\b(met|meet|meeting with|held talks|talks with|bilateral meeting|"
    r"courtesy call|video conference)\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(
    r"\b(presented|will present|present|keynote|delivered a speech|"
    r"gave a speech|gave a presentation|presentation)\b",
    re.IGNORECASE,
)
_ATTEND = re.compile(
    r"\b(attend|attended|attending|participat\w*|took part|take part|joined|"
    r"delegations? from|representatives? of|brings? together|brought together|"
    r"gather\w*)\b",
    re.IGNORECASE,
)
_SMALL_START = {
    "The",
    "A",
    "An",
    "This",
    "In",
    "On",
    "At",
    "For",
    "With",
    "And",
    "Under",
    "During",
    "After",
    "Before",
    "Mayor",
    "Governor",
    "Seoul's",
}


_HEADLINE_VERBS = re.compile(
    r"\b(?:Hosts?|Signs?|Visits?|Meets?|Wins?|Opens?|Holds?|Launches|"
    r"Welcomes?|Celebrates?|Marks?|Upgrades?|Adopts?|Joins?|Receives?|"
    r"Awards?ed|Named|Becomes?)\b\s+(?:the\s+)?"
)
