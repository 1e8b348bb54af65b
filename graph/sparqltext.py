"""SPARQL text the store rewrites (parameters bound as VALUES blocks, LATERAL inlined), and the
checks made on a user's text before any engine runs it (nesting depth, SERVICE calls).

Both step through the query with one tokenizer that knows strings, IRIs and comments, so a
brace or keyword inside a literal is never taken for structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.I)
# What the scan in `bind` must step over or notice: strings, IRIs, comments, braces, keywords.
_SPARQL_TOKEN = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[{}]|'
    r"\b(?:VALUES|MINUS|SELECT|LATERAL)\b", re.I)


def bind(query: str, bindings: dict[str, ox.Term] | None) -> str:
    """Bind variables to terms by a VALUES block opening each group of the WHERE clause.

    The terms are written by Oxigraph in N-Triples syntax, which escapes them, so a value can
    never change the query's structure (no text is pasted into SPARQL). The block opens every
    group (each UNION branch, OPTIONAL and FILTER EXISTS), not just the outer one, so the engine
    starts each of them from the bound term instead of evaluating it over the whole graph and
    joining afterwards (20x on indicator-owners). It binds the same value the outer group does,
    so answers do not change; sub-queries, MINUS, VALUES data and LATERAL groups (which see
    the outer bindings anyway, and where Oxigraph does not parse a VALUES block) are left alone.
    """
    if not bindings:
        return query
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    values = f" VALUES ({names}) {{ ({terms}) }} "
    m = WHERE_OPEN.search(query) or re.search(r"\{", query)
    if m is None:
        raise SyntaxError("the query has no WHERE clause to bind parameters in")
    out, pos = [query[:m.end()], values], m.end()
    stack: list[bool] = []  # per open group: may a VALUES block go inside it?
    after_keyword = None  # VALUES, MINUS or LATERAL when the next brace opens its data or group
    for token in _SPARQL_TOKEN.finditer(query, m.end()):
        word = token.group().upper()
        if word in {"VALUES", "MINUS", "LATERAL"}:
            after_keyword = word
        elif word == "SELECT" and stack:
            stack[-1] = False  # "{ SELECT ...": a sub-query has its own scope
        elif word == "{":
            allowed = after_keyword is None and all(stack) and \
                not query[token.end():token.end() + 20].lstrip().upper().startswith("SELECT")
            out += [query[pos:token.end()], values if allowed else ""]
            pos = token.end()
            stack.append(allowed)
            after_keyword = None
        elif word == "}":
            if not stack:
                break  # the end of the WHERE clause
            stack.pop()
    out.append(query[pos:])
    return "".join(out)


def inline_lateral(query: str) -> str:
    """The query with each `LATERAL { P }` written as `P`, for a SPARQL 1.1 service.

    The named queries use LATERAL only to have Oxigraph look up decorations (labels, plans) row
    by row from what is already bound, instead of evaluating them over the whole store and
    joining; inlined in the enclosing group they give the same rows.
    """
    out, pos, depth, closing = [], 0, 0, []  # closing: depths whose "}" closes a LATERAL
    lateral = False
    for token in _SPARQL_TOKEN.finditer(query):
        word = token.group().upper()
        if word == "LATERAL":
            out.append(query[pos:token.start()])
            pos, lateral = token.end(), True
        elif word == "{":
            depth += 1
            if lateral:
                out.append(query[pos:token.start()])
                pos, lateral = token.end(), False
                closing.append(depth)
        elif word == "}":
            if closing and closing[-1] == depth:
                closing.pop()
                out.append(query[pos:token.start()])
                pos = token.end()
            depth -= 1
    out.append(query[pos:])
    return "".join(out)


MAX_NESTING = 100  # groups and brackets one inside another; real queries use well under 20
_NESTING_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
                            r"|[{}()\[\]]")


def nesting(query: str) -> int:
    """How deep the query's groups and brackets nest (outside strings, IRIs and comments).

    The engine's parser recurses once per level: a few kilobytes nested thousands deep crash it
    (a stack overflow kills the process, not just the query), so a query nested deeper than
    `MAX_NESTING` is refused before it is parsed."""
    depth = deepest = 0
    for token in _NESTING_TOKEN.finditer(query):
        char = token.group()
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth = max(depth - 1, 0)
    return deepest


NO_SERVICE = ("federated queries (SERVICE) are refused: plangraph makes no requests to other hosts "
              "(a query that mentions 'service' must also parse as plain SPARQL 1.1)")


def too_deep(query: str) -> str | None:
    """Why the query is refused for its nesting, or None."""
    levels = nesting(query)
    if levels > MAX_NESTING:
        return f"the query nests {levels} levels deep; at most {MAX_NESTING} are allowed"
    return None


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescaped(text: str) -> str:
    """The text with SPARQL's \\u and \\U escapes decoded: the grammar applies them to the whole
    query before it reads a single token, so `\\u0053ERVICE` is the keyword SERVICE."""
    def decode(match: re.Match[str]) -> str:
        point = int(match.group(1) or match.group(2), 16)
        return chr(point) if point <= 0x10FFFF else match.group(0)
    return _CODEPOINT.sub(decode, text)


def uses_service(text: str) -> bool:
    """Could this query make the engine call another host?

    Decided by parsing, not by scanning: a text whose decoded characters never spell "service"
    cannot hold the keyword; any other is parsed with rdflib's SPARQL parser and refused if its
    parse tree holds a SERVICE pattern anywhere, or if it does not parse there at all (fail
    closed: a text the two parsers read differently is exactly how a scanner was fooled, e.g. by
    an escaped `\\#` in a prefixed name taken for the start of a comment). pyoxigraph has no
    switch that turns its HTTP client off, so this check is the only door: the web's workers
    and `plangraph sparql` both ask it (the queries plangraph writes itself never call out).
    """
    if "service" not in _unescaped(text).lower():
        return False
    from rdflib.plugins.sparql.parser import parseQuery  # only for the few texts that need it

    try:
        tree = parseQuery(text)
    except Exception:  # any failure to read it is a refusal, never a pass
        return True
    return _holds_service(tree)


def _holds_service(node: Any) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_holds_service(v) for v in node.values())
    if isinstance(node, str):
        return False
    if isinstance(node, Iterable):
        return any(_holds_service(v) for v in node)
    return False
