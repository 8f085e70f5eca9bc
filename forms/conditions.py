"""A small, safe expression language for form-js `conditional.hide` (a FEEL subset, never eval).

Supported: `=field`, `=field = value`, `=field != value`, `<`, `<=`, `>`, `>=`, `=not(expr)`,
`and`, `or`, parentheses, `list contains(list, value)`; literals are "strings", numbers, `true`,
`false`, `null`; names may be dotted paths into nested data. Truth follows Python rules
(empty, zero, null and false are false), not FEEL's three-valued logic, so `=not(field)` hides a
field while `field` is still empty.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from forms.errors import ConditionSyntaxError

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*")
      | (?P<number>-?\d+(?:\.\d+)?)
      | (?P<op><=|>=|!=|=|<|>|\(|\)|,)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "true", "false", "null"}
_COMPARISONS = {"=", "!=", "<", "<=", ">", ">="}


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str


@dataclass(frozen=True)
class Literal:
    value: Any

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        return self.value


@dataclass(frozen=True)
class Name:
    path: tuple[str, ...]

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        value: Any = scope
        for part in self.path:
            if not isinstance(value, Mapping) or part not in value:
                return None
            value = value[part]
        return value


@dataclass(frozen=True)
class Not:
    operand: Node

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        return not truthy(self.operand.evaluate(scope))


@dataclass(frozen=True)
class Logical:
    operator: str  # "and" | "or"
    left: Node
    right: Node

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        left = truthy(self.left.evaluate(scope))
        if self.operator == "and":
            return left and truthy(self.right.evaluate(scope))
        return left or truthy(self.right.evaluate(scope))


@dataclass(frozen=True)
class Comparison:
    operator: str
    left: Node
    right: Node

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        left, right = self.left.evaluate(scope), self.right.evaluate(scope)
        if self.operator == "=":
            return _equal(left, right)
        if self.operator == "!=":
            return not _equal(left, right)
        return _order(self.operator, left, right)


@dataclass(frozen=True)
class ListContains:
    items: Node
    item: Node

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        items, item = self.items.evaluate(scope), self.item.evaluate(scope)
        return isinstance(items, list | tuple) and any(_equal(each, item) for each in items)


Node = Literal | Name | Not | Logical | Comparison | ListContains


@dataclass(frozen=True)
class Condition:
    """A parsed `conditional.hide` expression."""

    source: str
    node: Node

    def hides(self, scope: Mapping[str, Any]) -> bool:
        return truthy(self.node.evaluate(scope))

    def names(self) -> set[str]:
        """The dotted names the expression reads."""
        return _names(self.node)


def _names(node: Node) -> set[str]:
    if isinstance(node, Name):
        return {".".join(node.path)}
    if isinstance(node, Not):
        return _names(node.operand)
    if isinstance(node, Logical | Comparison):
        return _names(node.left) | _names(node.right)
    if isinstance(node, ListContains):
        return _names(node.items) | _names(node.item)
    return set()


def parse_condition(source: str) -> Condition:
    """Parse `=expression`; raise ConditionSyntaxError naming what is wrong."""
    if not isinstance(source, str) or not source.startswith("="):
        raise ConditionSyntaxError(f"expression must be a string starting with '=': {source!r}")
    parser = _Parser(_tokenize(source[1:]), source)
    node = parser.expression()
    parser.expect_end()
    return Condition(source=source, node=node)


def truthy(value: Any) -> bool:
    return bool(value)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _equal(left: Any, right: Any) -> bool:
    left_number, right_number = _number(left), _number(right)
    if left_number is not None and right_number is not None:
        return left_number == right_number
    return bool(left == right)


def _order(operator: str, left: Any, right: Any) -> bool:
    left_number, right_number = _number(left), _number(right)
    if left_number is not None and right_number is not None:
        left, right = left_number, right_number
    elif not (isinstance(left, str) and isinstance(right, str)):
        return False
    return {
        "<": left < right,
        "<=": left <= right,
        ">": left > right,
        ">=": left >= right,
    }[operator]


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if match is None:
            raise ConditionSyntaxError(f"unexpected character {text[position:].strip()[0]!r} in ={text}")
        kind = match.lastgroup or ""
        tokens.append(_Token(kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token], source: str) -> None:
        self.tokens = tokens
        self.position = 0
        self.source = source

    def _peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self) -> _Token:
        token = self._peek()
        if token is None:
            raise ConditionSyntaxError(f"expression ends too early: {self.source}")
        self.position += 1
        return token

    def _accept(self, text: str) -> bool:
        token = self._peek()
        if token is not None and token.text == text and token.kind in {"op", "name"}:
            self.position += 1
            return True
        return False

    def _expect(self, text: str) -> None:
        if not self._accept(text):
            found = self._peek()
            raise ConditionSyntaxError(
                f"expected {text!r} but found {found.text if found else 'the end'!r} in {self.source}"
            )

    def expect_end(self) -> None:
        token = self._peek()
        if token is not None:
            raise ConditionSyntaxError(f"unexpected {token.text!r} in {self.source}")

    def expression(self) -> Node:
        node = self._conjunction()
        while self._accept("or"):
            node = Logical("or", node, self._conjunction())
        return node

    def _conjunction(self) -> Node:
        node = self._comparison()
        while self._accept("and"):
            node = Logical("and", node, self._comparison())
        return node

    def _comparison(self) -> Node:
        node = self._primary()
        token = self._peek()
        if token is not None and token.kind == "op" and token.text in _COMPARISONS:
            self.position += 1
            node = Comparison(token.text, node, self._primary())
        return node

    def _primary(self) -> Node:
        token = self._take()
        if token.kind == "op" and token.text == "(":
            node = self.expression()
            self._expect(")")
            return node
        if token.kind == "string":
            return Literal(re.sub(r"\\(.)", r"\1", token.text[1:-1]))
        if token.kind == "number":
            return Literal(Decimal(token.text))
        if token.kind == "name":
            return self._name_or_call(token.text)
        raise ConditionSyntaxError(f"unexpected {token.text!r} in {self.source}")

    def _name_or_call(self, text: str) -> Node:
        if text == "not":
            self._expect("(")
            operand = self.expression()
            self._expect(")")
            return Not(operand)
        if text == "list" and self._accept("contains"):
            self._expect("(")
            items = self.expression()
            self._expect(",")
            item = self.expression()
            self._expect(")")
            return ListContains(items, item)
        literals = {"true": True, "false": False, "null": None}
        if text in literals:
            return Literal(literals[text])
        if text in _KEYWORDS:
            raise ConditionSyntaxError(f"unexpected {text!r} in {self.source}")
        path = tuple(text.split("."))
        if any(part.startswith("__") for part in path):
            raise ConditionSyntaxError(f"names starting with '__' are not allowed: {text} in {self.source}")
        return Name(path)
