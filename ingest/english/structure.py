"""The shape of an English release: its main event, sessions, policies and repeated names."""

from __future__ import annotations

import re

from citygraph.ingest.english.base import Base
from citygraph.ingest.extraction import EntityType, RelationType
from citygraph.ingest.rules_common import Mention, main_event, norm


class Structure(Base):
    """Relate names through the layout of the release."""

    def same_events(self) -> None:
        """``Mayors Forum on Inclusive Cities`` in a headline is the body's ``2017 Seoul ...``."""
        names = self.found.names()
        events = [
            e for e in self.found.ids(EntityType.EVENT) if not self.found.attribute(e, "kind")
        ]
        for short in events:
            for full in events:
                a, b = norm(names[short][0]), norm(names[full][0])
                if (
                    short != full
                    and len(names[short][0].split()) >= 2
                    and b.endswith(a)
                    and len(b) > len(a)
                    and short in self.found.names()
                ):
                    self.merge(full, short)
                    break

    def policies(self) -> None:
        """A quoted name in a sentence about a policy, service or programme is a policy."""
        for m in re.finditer(r"[“\"]([A-Z][\w'’-]*(?:[ \t]+[\w'’-]+){0,5})[”\"]", self.text):
            sentence = next(
                (self.text[a:b] for a, b in self.doc.sentences if a <= m.start() < b), ""
            )
            if not re.search(
                r"\b(?:policy|policies|service|programme|program|initiative|project|"
                r"scheme|system)\b",
                sentence,
                re.IGNORECASE,
            ):
                continue
            s, e = m.start(1), m.end(1)
            if not self.free(s, e):
                continue
            eid = self.found.entity(EntityType.POLICY, en=m.group(1), span=(s, e))
            self.mentions.append(Mention(s, e, eid, EntityType.POLICY))
            for hit in re.finditer(rf"\b{re.escape(m.group(1))}\b", self.text):
                if self.free(hit.start(), hit.end()):
                    self.found.mention(eid, (hit.start(), hit.end()))
                    self.mentions.append(Mention(hit.start(), hit.end(), eid, EntityType.POLICY))
            owner = self.focus_id()
            if owner:
                self.found.relate(RelationType.POLICY, eid, owner, (s, e), "en.policy.quoted", 0.7)

    def sessions(self) -> None:
        """Numbered sessions (``Session 1: Topic``), on lines of their own."""
        self.session_ids = []
        for m in re.finditer(
            r"^[\s\-*•▶]*(Session\s?(\d+))\s*[:：-]\s*([^\n]+?)\s*$", self.text, re.MULTILINE
        ):
            eid = self.found.entity(
                EntityType.EVENT,
                key=f"session-{m.group(2)}",
                en=f"Session {m.group(2)}: {m.group(3)}",
                span=(m.start(1), m.end(3)),
                kind="forum_session",
            )
            self.session_ids.append(eid)
            self.mentions.append(Mention(m.start(1), m.end(3), eid, EntityType.EVENT))


    def choose_main_event(self) -> None:
        """The event the document is about (not a session); sessions are part of it."""
        self.main_event = main_event(
            self.found,
            self.text,
            self.doc.info.title,
            skip={e for e in self.found.ids(EntityType.EVENT) if self.found.attribute(e, "kind")},
        )
        if not self.main_event:
            return
        for sid in self.session_ids:
            self.found.relate(
                RelationType.PART_OF,
                sid,
                self.main_event,
                self.found.first_mention(sid),
                "en.session.part_of",
                0.8,
            )
