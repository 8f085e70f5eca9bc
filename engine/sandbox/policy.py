"""Compile time: the RestrictedPython policy all sandboxed code is compiled under, and the compile checks.

Besides RestrictedPython's own checks (no names or attributes starting with ``_``, guarded attribute, item
and iteration access) ``SandboxPolicy``

* rejects imports, class definitions, generators, bare ``except:`` and the names of dangerous builtins;
* inserts a deadline check (``_tick_``) into every loop body, comprehension, function and lambda;
* routes ``+``, ``*``, ``**``, ``<<``, ``%``, f-string format specs, copying builtins and starred
  displays through the run-time guards (``_add_``, ``_counted_``, ... from ``engine.sandbox.guards``).
"""
from __future__ import annotations

import ast
import types
from functools import lru_cache

from RestrictedPython import compile_restricted_eval, compile_restricted_exec
from RestrictedPython.transformer import RestrictingNodeTransformer

from engine.errors import SandboxError

SANDBOX_FILENAME = "<sandbox>"

FORBIDDEN_NAMES = frozenset({
    "open", "exec", "eval", "compile", "globals", "locals", "vars", "getattr", "setattr", "delattr",
    "input", "breakpoint", "help", "memoryview", "print", "exit", "quit",
})


def _call(name: str, *args: ast.expr) -> ast.Call:
    return ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=list(args), keywords=[])


_GUARDED_BINOPS: dict[type[ast.operator], str] = {
    ast.Add: "_add_",
    ast.Mult: "_mul_",
    ast.Pow: "_pow_",
    ast.LShift: "_lshift_",
    ast.Mod: "_mod_",
}


_COPYING_BUILTINS = frozenset({"list", "tuple", "set", "frozenset", "dict", "sorted"})


def _has_star(node: ast.List | ast.Tuple | ast.Set) -> bool:
    return any(isinstance(element, ast.Starred) for element in node.elts)


class SandboxPolicy(RestrictingNodeTransformer):
    """RestrictedPython's policy, tightened and instrumented (see the module docstring)."""

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in FORBIDDEN_NAMES:
            self.error(node, f'"{node.id}" is not available in the sandbox.')
            return node
        return super().visit_Name(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.error(node, "import statements are not allowed; ask for a helper or a service task.")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.error(node, "import statements are not allowed; ask for a helper or a service task.")

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.error(node, "class definitions are not allowed.")

    def visit_Yield(self, node: ast.Yield) -> None:
        self.error(node, "generators are not allowed.")

    def visit_YieldFrom(self, node: ast.YieldFrom) -> None:
        self.error(node, "generators are not allowed.")

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.AST:
        if node.type is None:
            self.error(node, "a bare 'except:' is not allowed; name the exception class.")
        return super().visit_ExceptHandler(node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        node = super().visit_BinOp(node)
        guard = _GUARDED_BINOPS.get(type(node.op))
        if guard is None:
            return node
        return ast.copy_location(_call(guard, node.left, node.right), node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        node = super().visit_Call(node)
        if isinstance(node.func, ast.Name) and node.func.id in _COPYING_BUILTINS:
            return ast.copy_location(_call("_counted_", node), node)
        return node

    def visit_List(self, node: ast.List) -> ast.AST:
        return self._count_starred(super().visit_List(node), _has_star(node))

    def visit_Tuple(self, node: ast.Tuple) -> ast.AST:
        return self._count_starred(super().visit_Tuple(node), _has_star(node))

    def visit_Set(self, node: ast.Set) -> ast.AST:
        return self._count_starred(super().visit_Set(node), _has_star(node))

    def visit_Dict(self, node: ast.Dict) -> ast.AST:
        return self._count_starred(super().visit_Dict(node), any(key is None for key in node.keys))

    @staticmethod
    def _count_starred(node: ast.expr, starred: bool) -> ast.AST:
        if not starred or not isinstance(getattr(node, "ctx", ast.Load()), ast.Load):
            return node
        return ast.copy_location(_call("_counted_", node), node)

    def visit_FormattedValue(self, node: ast.FormattedValue) -> ast.AST:
        node = super().visit_FormattedValue(node)
        if node.format_spec is None:
            return node
        call = _call("_format_", node.value, ast.Constant(node.conversion), node.format_spec)
        return ast.copy_location(ast.FormattedValue(value=call, conversion=-1, format_spec=None), node)

    def visit_While(self, node: ast.While) -> ast.AST:
        node = super().visit_While(node)
        node.body.insert(0, ast.Expr(_call("_tick_")))
        return node

    def visit_For(self, node: ast.For) -> ast.AST:
        node = super().visit_For(node)
        node.body.insert(0, ast.Expr(_call("_tick_")))
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        node = super().visit_FunctionDef(node)
        node.body.insert(0, ast.Expr(_call("_tick_")))
        return node

    def visit_Lambda(self, node: ast.Lambda) -> ast.AST:
        node = super().visit_Lambda(node)
        node.body = ast.BoolOp(op=ast.And(), values=[_call("_tick_"), node.body])
        return node

    def visit_comprehension(self, node: ast.comprehension) -> ast.AST:
        node = super().visit_comprehension(node)
        node.ifs.append(_call("_tick_"))
        return node

    def visit_Module(self, node: ast.Module) -> ast.AST:
        return ast.fix_missing_locations(super().visit_Module(node))

    def visit_Expression(self, node: ast.Expression) -> ast.AST:
        return ast.fix_missing_locations(super().visit_Expression(node))


def summary(source: str) -> str:
    """``source`` on one line, shortened to 80 characters, for error messages."""
    flat = " ".join(source.split())
    return flat if len(flat) <= 80 else flat[:77] + "..."


@lru_cache(maxsize=4096)
def compile_code(source: str, mode: str) -> types.CodeType:
    """``source`` compiled under ``SandboxPolicy`` (``mode`` "eval" or "exec"); SandboxError if it cannot be."""
    compiler = compile_restricted_eval if mode == "eval" else compile_restricted_exec
    kind = "expression" if mode == "eval" else "script"
    try:
        result = compiler(source, filename=SANDBOX_FILENAME, policy=SandboxPolicy)
    except (RecursionError, MemoryError, ValueError, TypeError) as err:
        raise SandboxError(f"{kind} {summary(source)!r} cannot be compiled: {type(err).__name__}") from err
    if result.errors:
        raise SandboxError(f"{kind} {summary(source)!r} is not allowed: {'; '.join(result.errors)}")
    return result.code


def check_expression(expression: str) -> None:
    """Raise SandboxError if ``expression`` does not compile in the sandbox (nothing is evaluated)."""
    compile_code(expression, "eval")


def check_script(script: str) -> None:
    """Raise SandboxError if ``script`` does not compile in the sandbox (nothing is executed)."""
    compile_code(script, "exec")
