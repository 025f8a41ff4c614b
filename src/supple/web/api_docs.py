"""GET /api/docs: the HTTP API described from its own OpenAPI schema, as one plain page.

Rendered on the server with no scripts at all, so it needs nothing from another origin
and passes the site's Content-Security-Policy. The machine-readable schema stays at
/openapi.json for tools (schemathesis, code generators, Swagger UI run elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Param:
    name: str
    where: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    params: tuple[Param, ...]
    body: str
    responses: tuple[tuple[str, str], ...]

    @property
    def anchor(self) -> str:
        return f"{self.method}-{self.path}".replace("/", "-").replace("{", "").replace("}", "").strip("-")


@dataclass
class Group:
    tag: str
    operations: list[Operation] = field(default_factory=list)


@dataclass(frozen=True)
class Model:
    name: str
    description: str
    fields: tuple[tuple[str, str, bool, str], ...]


def kind(schema: dict[str, Any]) -> str:
    """A short reading of a JSON schema: "integer", "list of Session", "string or null"."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " or ".join(kind(part) for part in schema[key])
    if schema.get("type") == "array":
        return f"list of {kind(schema.get('items', {}))}"
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    if schema.get("type") == "object" and "additionalProperties" in schema:
        extra = schema["additionalProperties"]
        return f"map to {kind(extra)}" if isinstance(extra, dict) else "object"
    return str(schema.get("type", "any")) + _limits(schema)


def _limits(schema: dict[str, Any]) -> str:
    """The numeric and length limits of a schema, in words (", 1 to 90", ", at most 200 characters")."""
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    if low is not None and high is not None:
        return f", {low} to {high}"
    if low is not None:
        return f", at least {low}"
    if high is not None:
        return f", at most {high}"
    if "maxLength" in schema:
        return f", at most {schema['maxLength']} characters"
    return ""


def _operation(path: str, method: str, spec: dict[str, Any]) -> Operation:
    params = tuple(
        Param(p["name"], p["in"], bool(p.get("required")), kind(p.get("schema", {})), p.get("description", ""))
        for p in spec.get("parameters", [])
    )
    body = ""
    content = spec.get("requestBody", {}).get("content", {})
    for media, item in content.items():
        body = f"{kind(item.get('schema', {}))} ({media})"
        break
    responses = tuple((code, item.get("description", "")) for code, item in spec.get("responses", {}).items())
    return Operation(
        method.upper(),
        path,
        spec.get("summary", ""),
        spec.get("description", ""),
        params,
        body,
        responses,
    )


def describe(schema: dict[str, Any]) -> tuple[list[Group], list[Model]]:
    """The operations grouped by their first tag, in schema order, and the named models."""
    groups: dict[str, Group] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                spec = item[method]
                tag = (spec.get("tags") or ["other"])[0]
                groups.setdefault(tag, Group(tag)).operations.append(_operation(path, method, spec))
    models = []
    for name, model in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(model.get("required", []))
        fields = tuple(
            (prop, kind(spec), prop in required, spec.get("description", ""))
            for prop, spec in model.get("properties", {}).items()
        )
        description = model.get("description", "")
        if "enum" in model:
            description = (description + " " if description else "") + kind(model) + "."
        models.append(Model(name, description, fields))
    return list(groups.values()), models


def install(app: FastAPI) -> None:
    from supple.web.access import Public

    # Public: it describes the API and holds no one's data (as /openapi.json).
    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse, dependencies=[Public])
    def api_docs(request: Request) -> HTMLResponse:
        from supple.web.pages import render

        groups, models = describe(app.openapi())
        context = {"title": "HTTP API", "version": app.version, "groups": groups, "models": models}
        return render(request, "api_docs.html", context)
