"""The names people read over a named query's columns ('reports to', not 'reportsTo').

The web's tables and the terminal's both head their columns with these.
"""

from __future__ import annotations

import re

# variable names whose plain reading is not the name a person would give the column
COLUMN_NAMES = {
    "reportsTo": "reports to", "feeder": "what feeds it", "via": "through", "leader": "led by",
    "thing": "what", "relation": "how", "kind": "kind", "elementLabel": "element", "broader": "comes under",
    "other": "related element", "otherLabel": "related element", "score": "match score",
    "method": "matched by", "email": "e-mail", "during": "when", "attended": "meetings attended",
    "apologies": "apologies sent", "absent": "absent", "direction": "direction",
}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def column_name(variable: str) -> str:
    """'reportsTo' -> 'reports to', 'planLabel' -> 'plan': the header a person would write."""
    if variable in COLUMN_NAMES:
        return COLUMN_NAMES[variable]
    base = variable[:-5] if variable.endswith("Label") else variable
    return COLUMN_NAMES.get(base, _CAMEL.sub(" ", base).lower())
