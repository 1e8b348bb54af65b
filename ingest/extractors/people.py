"""People and the posts they hold: signature blocks, report headers, contact lines and tables.

Shapes: a name (capitals allowed, honorific kept apart) followed by its job title on the next
lines, then perhaps the organisation ("KEN BRAY / Head of Strategic Planning / and
Commissioning"); report cover rows ("Contact Officer(s): Lucy Harrold, Acting Head of
Safeguarding"); "Post, Name" and "Post: Name" lines; "Name, Director of X, presented" in prose;
contact tables (Name | Job title | Email); "contact Name: name@example.org"; and "As joint
Chairs of the Board, we ..." forewords, whose signatories hold that post on that board.
"""

from __future__ import annotations

import re

from plangraph.ingest.document import Block, BlockKind, Document, Span
from plangraph.ingest.extractors.acronyms import defined_acronyms
from plangraph.ingest.extractors.body_names import POST_WORDS, BodyFinder
from plangraph.ingest.extractors.context import contexts, is_heading
from plangraph.ingest.extractors.labels import clean_label
from plangraph.ingest.extractors.names import (
    BODY_WORDS,
    email_fits,
    is_person_name,
    people_in_prose,
    starts_with_name,
    strip_honorific,
)
from plangraph.ingest.facts import Facts, normalise

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
NAME = r"(?:(?:Councillor|Cllr|Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Sir|Dame)\.?\s+)?" \
       r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*(?:\s+[A-Z]\.?)?(?:\s+(?:Mc|Mac|O')?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*){1,2}"
HEADER_ROW = re.compile(r"^(?:relevant |corporate |lead |report(?:ing)? |responsible )?(?:director|"
                        r"directors?\(s\)|contact officers?(?:\(s\))?|officer|author|lead officer|"
                        r"report(?:ed)? by|presented by|chair|contact)", re.I)
NAME_COMMA = re.compile(rf"({NAME}),\s+")
SPOKE = (r"(?:presented|introduced|said|reported|explained|gave|noted|confirmed|updated|outlined|informed|"
         r"advised|attended|chaired|welcomed|spoke|led|commented|stated|added|asked|responded|replied|"
         r"highlighted|described|thanked|agreed|suggested|proposed|queried|remarked|emphasi[sz]ed|"
         r"summari[sz]ed|acknowledged|announced|opened|closed)")
TITLE_WORDS = r"(?:[A-Z][\w'’&-]*|of|for|and|the|&|,)(?:\s+(?:[A-Z][\w'’&-]*|of|for|and|the|&|in)){0,14}?"
PROSE_TITLE = re.compile(rf"({NAME}),\s+({TITLE_WORDS}),\s+{SPOKE}\b")
# "Assistant Minister for Records, Ann Example, welcomed the report"
TITLE_THEN_NAME = re.compile(rf"\b({TITLE_WORDS}),\s+({NAME}),\s+{SPOKE}\b")
# "Presentation on the Port – Ann Example, Head of Business Development"
DASH_NAME_TITLE = re.compile(rf"[–—-]\s+({NAME}),\s+({TITLE_WORDS})\s*$")
# "The Ostery Panel is chaired by Ann Example": she holds the chair of that body, and sits on it
CHAIRED_BY = re.compile(r"(?:\b(?:is|are|will be|shall be|was|to be)\s+|,\s*)((?:co-?)?chaired)\s+by\s+"
                        r"(?:the\s+|an?\s+)?((?:[A-Z][\w'’-]*\s+(?:of\s+|for\s+)?){0,5}[A-Z][\w'’-]*)")
# "Ann Example is the new secretary", "Bob Fiction was elected Vice-Chair": a role in the body
NAMED_TO_ROLE = re.compile(
    rf"({NAME})\s+(?:is|was|has been|will be|becomes|became)\s+"
    r"(?:(?:re-?)?(?:appointed|elected|confirmed|named)\s+(?:as\s+)?)?(?:the\s+)?"
    r"(?:(?:new|incoming|interim|acting)\s+)?((?i:(?:vice[- ]|deputy\s+|co-)?"
    r"(?:chair(?:man|person|woman)?|secretary|treasurer|president|conv[eo]ner)))\b(?!\s+(?:of|for|to|at)\b)")
POST_THEN_NAME = re.compile(rf"^([A-Z][^,:]{{3,90}}?)\s*[,:]\s*({NAME})(?:\s|$|[,.])")
CONTACT = re.compile(rf"\bcontact(?:ing)?\s+({NAME})", re.I)
TRAILING_CONTACT = re.compile(r"\s+(?:Direct|Tel|Telephone|Phone|Email|E-mail|Mobile|Ext|Dial)\b.*$")
JOINT_CHAIRS = re.compile(
    r"\bAs\s+(joint\s+)?(Chairs?|Vice[- ]Chairs?|Co-?Chairs?)\s+of\s+(?:the\s+)?(.+?),\s", re.I)
POST_HEAD = (r"(?:Officer|Official|Director|Manager|Minister|Secretary|Leader|Owner|Adviser|Advisor|"
             r"Co-?ordinator|Commissioner|Controller|Registrar|Chief Executive)s?")
POST_PHRASE = re.compile(
    rf"\b((?:(?:The|A|An|Each|Every|All|Our)\s+)?(?:[A-Z][\w'’&-]*\s+){{0,4}}{POST_HEAD}"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:(?:and|&|of)\s+)?[A-Z][\w'’&-]*){{0,5}})?"
    rf"|Head\s+of\s+[A-Z][\w'’&-]*(?:\s+(?:(?:and|&|of)\s+)?[A-Z][\w'’&-]*){{0,5}})(?![\w'’-])")
ATTENDANCE_LABEL = re.compile(r"\b(?:present|apolog\w*|attend\w*|absent)\b", re.I)  # "PRESENT IN THE CHAIR:"
TITLE_HEADER = re.compile(r"job title|title|role|position|post")


class _People:
    def __init__(self, doc: Document, facts: Facts) -> None:
        self.doc = doc
        self.facts = facts
        self.bodies = BodyFinder(facts)
        self.acronyms = defined_acronyms(doc)

    def person(self, text: str, span: Span, confidence: float = 0.9, strict: bool = True) -> str | None:
        text = " ".join(text.split("\t")[0].split()).strip(" ,.;:")  # a gap ends the name: "Jo Bloggs  Chair"
        text = TRAILING_CONTACT.sub("", text)
        if text.isupper():
            text = text.title()  # "KEN BRAY" -> "Ken Bray" (no acronyms in a name)
        if not is_person_name(text, strict=strict):
            return None
        name, honorific = strip_honorific(text)
        return self.facts.entity("Person", name, span, confidence=confidence, honorific=honorific)

    def post(self, person: str, title: str, span: Span, org_text: str = "") -> str | None:
        title = clean_label(" ".join(title.split()))
        if not title or not POST_WORDS.search(title) or len(title.split()) > 16:
            return None
        orgs = [k for _, k in self.bodies.find(org_text, span)] if org_text else []
        org = orgs[-1] if orgs else None
        key = f"post:{normalise(title)}@{org or ''}"
        if org is None:  # the same title met with its organisation elsewhere is that post
            key = next((k for k in self.facts.entities if k.startswith(f"post:{normalise(title)}@")), key)
        post = self.facts.entity("Post", title, span, key=key, confidence=0.8)
        self.facts.relate(person, "holds", post, span, confidence=0.8)
        if org:
            self.facts.relate(post, "postIn", org, span, confidence=0.8)
        return post

    # -- shapes ------------------------------------------------------------------------------------
    def signatures(self) -> list[tuple[int, str]]:
        """Name blocks followed by a title: returns (block index, person key) of each."""
        found = []
        blocks = self.doc.blocks
        for i, block in enumerate(blocks):
            if block.kind is BlockKind.TABLE:
                continue
            lines = block.text.split("\n")
            if len(lines[0].split()) > 5:
                continue
            title_lines = lines[1:]
            nxt = i + 1
            if not title_lines and nxt < len(blocks) and blocks[nxt].kind is not BlockKind.TABLE \
                    and len(blocks[nxt].text.split()) <= 16:
                title_lines = blocks[nxt].text.split("\n")
                nxt += 1
            if any(starts_with_name(line) for line in title_lines):
                continue  # a list of names (apologies, attendees), not a name above its title
            # a job title on the next line vouches for a name the given-name list does not know
            person = self.person(lines[0], block.span,
                                 strict=not (title_lines and POST_WORDS.search(title_lines[0])))
            if person is None:
                continue
            org_text = ""
            for n, line in enumerate(title_lines[1:], start=1):  # "Head of X / Marshford Council"
                named = self.bodies.find(line, block.span)
                if named and named[0][0] == 0 and not POST_WORDS.search(line):
                    title_lines, org_text = title_lines[:n], " ".join(title_lines[n:])
                    break
            title = " ".join(title_lines)
            if not org_text and nxt < len(blocks) and blocks[nxt].kind is BlockKind.PARAGRAPH and \
                    len(blocks[nxt].text.split()) <= 14 and "\n" not in blocks[nxt].text:
                org_text = blocks[nxt].text
            if "," in title and not org_text:
                title, _, org_text = title.partition(",")
            self.post(person, title, block.span, org_text)
            found.append((i, person))
        self._shared_organisation(found)
        return found

    def _shared_organisation(self, found: list[tuple[int, str]]) -> None:
        """Signatures stacked above one organisation line all belong to it."""
        if not found:
            return
        last = found[-1][0]
        for j in range(last + 1, min(last + 4, len(self.doc.blocks))):
            block = self.doc.blocks[j]
            if block.kind is not BlockKind.PARAGRAPH or len(block.text.split()) > 14:
                continue
            orgs = [k for _, k in self.bodies.find(block.text, block.span)]
            if not orgs:
                continue
            for index, person in found:
                if last - index > 8:
                    continue
                for rel in list(self.facts.relations):
                    if rel.subject == person and rel.predicate == "holds" and \
                            not self.facts.has(rel.object, "postIn"):
                        self.facts.relate(rel.object, "postIn", orgs[-1], block.span, confidence=0.6)
            return

    def header_rows(self) -> None:
        """Report cover rows: 'Relevant Director:  Name', 'Contact Officer(s): Name, Title'."""
        for block in self.doc.blocks:
            if block.kind is not BlockKind.TABLE:
                continue
            spans = block.row_spans or [block.span] * len(block.rows)
            for row, span in zip(block.rows, spans, strict=False):
                cells = [c for c in row if c.strip()]
                if len(cells) < 2 or not HEADER_ROW.match(cells[0]) or not cells[0].rstrip().endswith(":"):
                    continue
                self.name_title_runs(" ".join(cells[1:2]), span)

    def name_title_runs(self, text: str, span: Span) -> None:
        """'A Smith, Head of X B Jones, Manager (Schools)' -> each person with their title."""
        text = " ".join(text.split())
        starts = [m for m in NAME_COMMA.finditer(text) if is_person_name(m.group(1))]
        if not starts:
            person = self.person(text, span)
            return
        for n, m in enumerate(starts):
            end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
            person = self.person(m.group(1), span, strict=False)
            if person is None:
                continue
            rest = text[m.end():end].strip(" ,")
            title, _, org = rest.partition(",")
            self.post(person, title, span, org)

    def prose(self) -> None:
        for block in self.doc.blocks:
            if block.kind is BlockKind.TABLE:
                continue
            text = " ".join(block.text.split())
            found = [(m.group(1), m.group(2)) for m in PROSE_TITLE.finditer(text)]
            found += [(m.group(2), m.group(1)) for m in TITLE_THEN_NAME.finditer(text)]
            found += [(m.group(1), m.group(2)) for m in DASH_NAME_TITLE.finditer(text)]
            for name, title_text in found:
                title, _, org = title_text.partition(",")
                if not POST_WORDS.search(title):
                    continue
                person = self.person(name, block.span, strict=False)  # a post beside it says who
                if person:
                    self.post(person, title.strip(), block.span, org)
            for line in block.text.split("\n"):
                m = POST_THEN_NAME.match(line.strip())
                if m and POST_WORDS.search(m.group(1)) and not is_person_name(m.group(1)) and \
                        not ATTENDANCE_LABEL.search(m.group(1)):
                    person = self.person(m.group(2), block.span)
                    if person:
                        self.post(person, m.group(1), block.span)
            for m in CONTACT.finditer(text):
                person = self.person(m.group(1), block.span)
                if person:
                    self._email_near(person, block)

    def chaired_by(self) -> None:
        """'X Board is chaired by Name': Name holds 'Chair of X Board' and is its member."""
        for block in self.doc.blocks:
            if block.kind is BlockKind.TABLE:
                continue
            text = " ".join(block.text.split())
            for m in CHAIRED_BY.finditer(text):
                sentence = re.split(r"[.;:!?]\s", text[:m.start()])[-1]
                bodies = [(p, k) for p, k in self.bodies.find(sentence, block.span, known_only=True)
                          if k.startswith("board:")]
                if not bodies:
                    continue
                # "X will be a sub-board of Y, chaired by Z": after a comma, the sentence's subject
                body = bodies[0][1] if "," in sentence[bodies[-1][0]:] + m.group(0)[:1] else bodies[-1][1]
                role = "Co-Chair" if m.group(1).lower().startswith("co") else "Chair"
                person = self.person(m.group(2), block.span, strict=False)
                if person is None:
                    title = m.group(2)
                    if self._is_post(title):  # "chaired by the Government CTO": a post leads it
                        post = self.facts.entity("Post", title, block.span, key=f"post:{normalise(title)}@",
                                                 confidence=0.7)
                        self.facts.relate(body, "ledBy", post, block.span, confidence=0.7, role=role)
                    continue
                post = self.facts.entity("Post", f"{role} of {self.facts.entities[body].label}", block.span,
                                         key=f"post:{normalise(role)}@{body}", confidence=0.8)
                self.facts.relate(post, "postIn", body, block.span, confidence=0.8)
                self.facts.relate(person, "holds", post, block.span, confidence=0.8)
                self.facts.relate(person, "memberOf", body, block.span, confidence=0.8)

    def named_to_role(self) -> None:
        """'Ann Example is the new secretary': she holds that role in the body the section's
        heading names, else in the body whose meeting the minutes record, else the document's own
        (so it runs after the meetings extractor: `extract_appointments`)."""
        for block, ctx in zip(self.doc.blocks, contexts(self.doc), strict=True):
            if block.kind is BlockKind.TABLE:
                continue
            for m in NAMED_TO_ROLE.finditer(" ".join(block.text.split())):
                named = [k for _, k in self.bodies.find(ctx.heading or "", block.span, known_only=True)
                         if k.startswith("board:")]
                met = sorted({r.object for r in self.facts.relations if r.predicate == "ofBoard"})
                body = named[-1] if named else met[0] if len(met) == 1 else self.facts.main_body
                person = self.person(m.group(1), block.span, strict=False)
                if body is None or person is None:
                    continue
                role = m.group(2)[:1].upper() + m.group(2)[1:].lower()
                post = self.facts.entity("Post", f"{role} of {self.facts.entities[body].label}", block.span,
                                         key=f"post:{normalise(role)}@{body}", confidence=0.75)
                self.facts.relate(post, "postIn", body, block.span, confidence=0.75)
                self.facts.relate(person, "holds", post, block.span, confidence=0.75)
                self.facts.relate(person, "memberOf", body, block.span, confidence=0.7)

    def _is_post(self, title: str) -> bool:
        """A job title: it has a post word, or ends in an acronym the document spells out as one
        ('Government CTO', with CTO defined as 'Chief Technology Officer')."""
        if POST_WORDS.search(title):
            return True
        last = re.sub(r"s$", "", title.split()[-1])
        return bool(POST_WORDS.search(self.acronyms.get(last, "")))

    def named_in_prose(self) -> None:
        """People running text names: 'contact Ann Example of the firm', 'via Bob Example',
        'Sir Cy Sample'. Only names with a known given name or a title count."""
        for block in self.doc.blocks:
            if block.kind is BlockKind.TABLE or is_heading(block):
                continue
            for name in people_in_prose(" ".join(block.text.split())):
                bare, honorific = strip_honorific(name)
                label = name if len(bare.split()) == 1 else bare
                self.facts.entity("Person", label, block.span, confidence=0.6, honorific=honorific)

    def unheld_posts(self) -> None:
        """Posts the text names with no holder: 'the Chief Records Officer will...', 'each
        Service Manager', 'Director of Housing Services' (two words at least, a post word last
        or before its remit)."""
        for block in self.doc.blocks:
            if block.kind is BlockKind.TABLE or is_heading(block):
                continue
            text = " ".join(block.text.split())
            for m in POST_PHRASE.finditer(text):
                label = re.sub(r"^(?:The|A|An|Each|Every|All|Our|Their|Its)\s+", "", m.group(1))
                head, *remit = re.split(r"(?=\s+(?:of|for)\s)", label, maxsplit=1)
                label = re.sub(r"(?<=[a-z])s$", "", head) + "".join(remit)  # "Officers" -> one post
                if len(label.split()) < 2 or is_person_name(label, strict=True) or \
                        BODY_WORDS.search(head.split()[-1]):
                    continue
                known = [normalise(e.label) for e in self.facts.entities.values() if e.cls == "Post"]
                if not any(normalise(label) in other for other in known):  # a piece of a known post
                    key = f"post:{normalise(label)}@"
                    self.facts.entity("Post", label, block.span, key=key, confidence=0.5)

    def _email_near(self, person: str, block: Block) -> None:
        index = self.doc.blocks.index(block)
        for near in self.doc.blocks[index: index + 3]:
            for email in EMAIL.findall(near.text):
                if email_fits(email, self.facts.entities[person].label):
                    self.facts.entities[person].add_prop("email", email)
                    return

    def contact_tables(self) -> None:
        """Name | Job title | Email tables."""
        for block in self.doc.blocks:
            if block.kind is not BlockKind.TABLE or len(block.rows) < 2:
                continue
            header = [c.lower() for c in block.rows[0]]
            name_col = next((i for i, h in enumerate(header) if h.strip() in {"name", "names", "contact"}),
                            None)
            title_col = next((i for i, h in enumerate(header) if TITLE_HEADER.search(h)), None)
            email_col = next((i for i, h in enumerate(header) if "mail" in h), None)
            if name_col is None or (title_col is None and email_col is None):
                continue
            spans = block.row_spans or [block.span] * len(block.rows)
            for row, span in zip(block.rows[1:], spans[1:], strict=False):
                if name_col >= len(row):
                    continue
                person = self.person(row[name_col], span, strict=False)
                if person is None:
                    continue
                if title_col is not None and title_col < len(row):
                    title, _, org = row[title_col].partition(",")
                    self.post(person, title, span, org)
                if email_col is not None and email_col < len(row):
                    for email in EMAIL.findall(row[email_col]):
                        self.facts.entities[person].add_prop("email", email.lower())

    def chairs(self, signatures: list[tuple[int, str]]) -> None:
        """'As joint Chairs of the Board, we ...' held by the foreword's signatories."""
        for i, block in enumerate(self.doc.blocks[:60]):
            m = JOINT_CHAIRS.search(block.text)
            if not m:
                continue
            boards = [k for _, k in self.bodies.find(m.group(3), block.span)]
            if not boards:
                continue
            title = f"{m.group(1) or ''}{m.group(2)}".strip()
            title = title[:1].upper() + title[1:]
            post = self.facts.entity("Post", re.sub(r"s$", "", title), block.span,
                                     key=f"post:{normalise(title)}@{boards[0]}", confidence=0.7)
            self.facts.relate(post, "postIn", boards[0], block.span, confidence=0.7)
            for index, person in signatures:
                if 0 < index - i <= 12:
                    self.facts.relate(person, "holds", post, block.span, confidence=0.6)
                    self.facts.relate(person, "memberOf", boards[0], block.span, confidence=0.6)


def extract_people(doc: Document, facts: Facts) -> None:
    """People, the posts they hold and the organisations those posts are in."""
    people = _People(doc, facts)
    signatures = people.signatures()
    people.header_rows()
    people.prose()
    people.chaired_by()
    people.contact_tables()
    people.chairs(signatures)
    people.unheld_posts()
    people.named_in_prose()
    for block in doc.blocks:  # an address next to a named person is theirs
        for email in EMAIL.findall(block.text) if block.kind is not BlockKind.TABLE else []:
            for ent in facts.entities.values():
                if ent.cls == "Person" and email_fits(email, ent.label) and \
                        ent.label.split()[0].lower() in email.lower():
                    ent.add_prop("email", email.lower())


def extract_appointments(doc: Document, facts: Facts) -> None:
    """Roles the text gives people in a body ('Ann Example is the new secretary')."""
    _People(doc, facts).named_to_role()
