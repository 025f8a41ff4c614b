"""Parsing GPX and TCX safely: no DTD, no entities, nothing fetched from outside (defusedxml).

Elements are matched by their local name, whatever the namespace (GPX 1.0 and 1.1, TCX v1 and v2,
and files that declare none).
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeTree

from supple.importers.reading import Refuse


def parse_xml(data: bytes, kind: str) -> Element:
    """The root element of ``data``; ``Refuse`` for a DTD, entities, or XML that does not parse."""
    try:
        root: Element = SafeTree.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        return root
    except defusedxml.DTDForbidden as error:
        raise Refuse(
            f"the {kind} file declares a DOCTYPE ({error.name or 'unnamed'}), which is refused for safety; "
            f"expected plain {kind} XML without a DOCTYPE"
        ) from None
    except defusedxml.EntitiesForbidden as error:
        raise Refuse(
            f"the {kind} file declares an entity ({error.name}), which is refused for safety (entity "
            f"expansion); expected plain {kind} XML without entities"
        ) from None
    except defusedxml.ExternalReferenceForbidden:
        raise Refuse(
            f"the {kind} file refers to an outside resource, which is refused for safety; "
            f"expected plain {kind} XML without external references"
        ) from None
    except defusedxml.DefusedXmlException as error:
        raise Refuse(f"the {kind} file uses an unsafe XML feature ({error}); expected plain {kind} XML") from None
    except (LookupError, UnicodeError) as error:
        raise Refuse(
            f"the {kind} file's text encoding cannot be read ({error}); expected UTF-8 or another known encoding"
        ) from None
    except ParseError as error:
        raise Refuse(f"the {kind} file is not well-formed XML ({error}); expected a complete {kind} file") from None


def local(element: Element) -> str:
    """The element's name without its namespace."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element: Element, name: str) -> Iterator[Element]:
    """The direct children named ``name`` (any namespace)."""
    return (child for child in element if local(child) == name)


def child(element: Element, name: str) -> Element | None:
    return next(children(element, name), None)


def descendants(element: Element, name: str) -> Iterator[Element]:
    return (node for node in element.iter() if local(node) == name)


def text(element: Element | None, name: str) -> str | None:
    """The text of the first child ``name`` of ``element``, stripped; None when absent or empty."""
    found = child(element, name) if element is not None else None
    value = (found.text or "").strip() if found is not None else ""
    return value or None


def number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        result = float(value)
    except ValueError:
        return None
    return result if result == result and abs(result) != float("inf") else None
