"""The people, organisations and posts meeting papers name: the half of the meeting extractor
that turns a name in a header, an attendance row or the minutes into an entity."""

from __future__ import annotations

import re

from plangraph.ingest.document import Span
from plangraph.ingest.extractors.body_names import POST_WORDS, body_class, tidy_body
from plangraph.ingest.extractors.labels import clean_label
from plangraph.ingest.extractors.meeting_words import (
    ACRONYM_FULL,
    CHAIR_OF_BOARD,
    CHAIR_ROLE,
    ENDS_AS_BODY,
    INITIALS_PAREN,
    NOT_ORG,
    OF_BOARD,
    PARENS,
    SECTOR,
    SMALL_WORDS,
    SUB_FOR,
    TITLE_SPLIT,
    TRAILING_ACRONYM,
    _balance,
    _bodyish,
    recase,
)
from plangraph.ingest.extractors.names import GROUP_WORDS, is_person_name, strip_honorific
from plangraph.ingest.facts import Facts, normalise
from plangraph.ingest.identity import core_name


class MeetingNames:
    """People, organisations and posts named in meeting papers, added to the facts once each.
    The extractor (`meetings._Meetings`) gives it the facts, the document's acronyms and the
    board of the meeting being read."""

    facts: Facts
    acronyms: set[str]
    board: str | None
    _holders: dict[str, set[str]] | None

    # -- people -------------------------------------------------------------------------------------
    def person(self, text: str, span: Span, confidence: float = 0.9) -> str | None:
        text = " ".join(text.split()).strip(" ,.;:-–")
        if text.isupper():
            text = text.title()
        name, honorific = strip_honorific(text)
        name = name.strip(" ,;:()")
        if not name or not is_person_name(text if honorific else name):  # "Cllr E. Example" is one
            return None
        return self.facts.entity("Person", name, span, confidence=confidence, honorific=honorific)

    def initials(self, person: str | None, text: str) -> None:
        """'Ann Other (AO)': the minutes will call her AO, so AO is another label of hers."""
        found = INITIALS_PAREN.search(text)
        if person and found:
            self.facts.entities[person].alt_labels.add(found.group(1))

    def organisation(self, text: str, span: Span, trusted: bool = True) -> str | None:
        """An organisation or board named in an attendance column or after a title's comma."""
        text = _balance(clean_label(text))
        text = re.sub(r"^(?:on behalf of|representing)\s+(?:the\s+)?", "", text, flags=re.I)
        acronym, text = _split_acronym(text)
        if not (trusted and re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}", text)):  # "ESS" beside a name stays ESS
            text = recase(text, self.acronyms)
        if _not_a_body(text):
            return None
        if acronym:  # a body the document already named with this acronym is that body
            known = self._known_by_acronym(acronym)
            if known is not None:
                return known
        if not trusted and not (_bodyish(text) or acronym):
            return None
        if not _named_like_org(text, trusted):
            return None
        tidy = tidy_body(text) or (text if not _bodyish(text) else None)
        if tidy is None:
            return None
        key = self.facts.entity(self._body_class(tidy), tidy, span, confidence=0.7)
        if acronym:
            self.facts.entities[key].add_prop("acronym", acronym)
            self.facts.entities[key].alt_labels.add(acronym)
        return key

    def _known_by_acronym(self, acronym: str) -> str | None:
        """The board or organisation the document already calls by this acronym (no post's)."""
        for ent in self.facts.entities.values():
            if ent.cls in {"Board", "Organisation"} and acronym in ent.alt_labels and \
                    not POST_WORDS.match(ent.label):
                return ent.key
        return None

    def _body_class(self, name: str) -> str:
        """Board or Organisation: the class another extractor already gave the body wins."""
        cls = "Board" if GROUP_WORDS.search(name) and body_class(name) == "Board" else "Organisation"
        for c in ("Board", "Organisation"):
            known = f"{c.lower()}:{core_name(name, self.facts.area)}"
            if known in self.facts.entities:
                cls = c
        return cls

    def title_org(self, title: str, span: Span, board_only: bool = False) -> str | None:
        """The organisation a title names: 'Principal, Central Kestrel College',
        'Chair, KGA (Kestrel Governors' Association)', 'Independent Chair of X Board'
        (only the last kind when the row gives the organisation itself)."""
        if ", " in title and not board_only:
            tail = title.split(", ", 1)[1]
            key = self.organisation(tail, span, trusted=False)
            if key:
                return key
        m = OF_BOARD.search(title)
        if m and GROUP_WORDS.search(m.group(1)) and not CHAIR_OF_BOARD.match(title):
            name = TRAILING_ACRONYM.sub("", m.group(1)).strip()
            if ENDS_AS_BODY.search(name):
                return self.organisation(m.group(1), span, trusted=False)
        return None

    def holders(self) -> dict[str, set[str]]:
        """Who holds each post so far (read once from the facts, then kept up to date)."""
        if self._holders is None:
            self._holders = {}
            for r in self.facts.relations:
                if r.predicate == "holds":
                    self._holders.setdefault(r.object, set()).add(r.subject)
        return self._holders

    def post(self, person: str, title: str, span: Span, org: str | None,
             confidence: float = 0.8) -> str | None:
        """A post the person holds, in `org` (or in the meeting's board for its chair)."""
        label = _balance(clean_label(title)).rstrip(" ,")
        label = TRAILING_ACRONYM.sub("", label).strip() if TRAILING_ACRONYM.search(label) and \
            TRAILING_ACRONYM.search(label).group(1).isupper() else label
        if not label or not POST_WORDS.search(label) or len(label.split()) > 16 or \
                is_person_name(label, strict=True):
            return None
        if CHAIR_OF_BOARD.match(label) and self.board:
            org = self.board
        name = normalise(label)
        key = f"post:{name}@{org or ''}"
        if key not in self.facts.entities:
            holders = self.holders()
            held = sorted(k for k, people in holders.items()
                          if person in people and k.startswith(f"post:{name}@"))
            bare = f"post:{name}@"
            if org is None and held:
                key = held[0]
            elif org and bare in held and holders[bare] == {person}:
                key = bare  # the same title another extractor read without its organisation
        post = self.facts.entity("Post", label, span, key=key, confidence=confidence)
        self.facts.relate(person, "holds", post, span, confidence=confidence)
        self.holders().setdefault(post, set()).add(person)
        if org:
            self.facts.relate(post, "postIn", org, span, confidence=confidence)
        return post

    def posts(self, person: str, title: str, span: Span, org: str | None, confidence: float = 0.8) -> None:
        """'Chair of the Board and Portfolio Holder for X' is two posts."""
        title = _balance(title)
        chair = re.search(r"\(([^()]*)\)\s*$", title)
        role_match = CHAIR_ROLE.search(chair.group(1)) if chair else None
        if chair and role_match:  # "Portfolio Holder for X, Y Council (Joint Chair)"
            role = role_match.group(1)
            self.post(person, role[:1].upper() + role[1:], span, self.board, confidence)
            title = title[:chair.start()].strip()
        for part in TITLE_SPLIT.split(title):
            part = part.strip(" ,;")
            own = self.title_org(part, span, board_only=org is not None)
            self.post(person, part, span, own or org, confidence)

    # -- attendance ---------------------------------------------------------------------------------
    def parse_name(self, text: str) -> tuple[str, str | None, str]:
        """'Gail Trent (Substituting for Rosa Hale)' -> ('Gail Trent', 'Rosa Hale', role)."""
        text = " ".join(text.split())
        absent = None
        m = SUB_FOR.search(text)
        if m:
            absent, text = m.group(1).strip(" )"), text[:m.start()]
        role = ""
        for inside in re.findall(r"\(([^()]*)\)", text):  # "Ann Other (AO) (Chair)"
            if CHAIR_ROLE.search(inside):
                role = CHAIR_ROLE.search(inside).group(1)
                break
        text = PARENS.sub("", text).split("(")[0]
        return text.strip(" ,.;:-"), absent, role


def _split_acronym(text: str) -> tuple[str | None, str]:
    """'KGA (Kestrel Governors' Association)' or 'Kestrel Governors' Association (KGA)' ->
    (acronym, name); without an acronym, (None, the name with its brackets dropped)."""
    m = ACRONYM_FULL.match(text)
    if m:
        return m.group(1), m.group(2).strip()
    m = TRAILING_ACRONYM.search(text)
    if m and m.group(1).isupper():
        return m.group(1), text[:m.start()].strip()
    return None, PARENS.sub("", text).strip()


def _not_a_body(text: str) -> bool:
    """Nothing, a sector or kind of member ('voluntary sector', 'parent rep'), a person, a post or
    too long: no body's name."""
    return bool(not text or SECTOR.search(text) or NOT_ORG.search(text) or is_person_name(text, strict=True)
                or (POST_WORDS.search(text) and not ENDS_AS_BODY.search(text)) or len(text.split()) > 12)


def _named_like_org(text: str, trusted: bool) -> bool:
    """Named like a body, a one-word brand beside a name ("ACME", "DfID", "Jisc"), or words all
    capitalised (small words aside)."""
    brand = trusted and re.fullmatch(r"[A-Z][A-Za-z0-9&-]*[A-Z0-9][A-Za-z0-9&-]*|[A-Z][a-z]{2,}", text) \
        and text.lower() not in SMALL_WORDS
    return _bodyish(text) or bool(brand) or (len(text.split()) >= 2 and all(
        w[:1].isupper() or w in SMALL_WORDS or w == "&" for w in text.split()))
