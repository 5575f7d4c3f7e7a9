"""Report: render analyses for people: plain text here; self-contained HTML document and
corpus reports, and their PDFs, in the modules beside it (`render`, `cli`; see
docs/design.md, "Reports"). JSON shapes are in `unfree/pipeline.py`."""

from __future__ import annotations

from typing import Any


def render_text(result: dict[str, Any]) -> str:
    """A plain-text account of one analysis: verdict, evidence with quotes, figures."""
    a = result["assessment"]
    lines = [f"== {result['id']} [{result['lang']}]" + (f" {result['title']}"
                                                         if result.get("title") else "")]
    lines.append(f"forced labour: {a['forced_labour']}")
    for dim, names in a["dimensions"].items():
        lines.append(f"  {dim}: {', '.join(names) or '-'}")
    for f in result["findings"]:
        quote = " ".join(f["quote"].split())
        lines.append(f"  [{f['indicator']}] {f['start']}-{f['end']} ({f['confidence']:.2f}) "
                     f"\"{_clip(quote)}\"")
    if result["facts"]:
        lines.append("facts:")
    for fact in result["facts"]:
        value = fact["value"] if "value" in fact else f"{fact['low']:g}-{fact['high']:g}"
        value = f"{value:g}" if isinstance(value, float | int) else value
        lines.append(f"  {fact['kind']} = {value} {fact['unit']}  \"{_clip(fact['quote'])}\"")
    if a["derived"]:
        lines.append("derived:")
    for fig in a["derived"]:
        norm = (f" (norm {fig['norm']:g}{', exceeded' if fig.get('exceeds_norm') else ''})"
                if "norm" in fig else "")
        cites = ", ".join(str(i) for i in fig["facts"])
        lines.append(f"  {fig['name']} = {fig['value']:g} {fig['unit']}{norm} [facts {cites}]")
    places = _places_line(result.get("mentions") or [])
    if places:
        lines.append(places)
    return "\n".join(lines)


def _places_line(mentions: list[dict[str, Any]]) -> str:
    """"places and parties: KP (origin), Moscow/RU (destination), ...; sectors: ...", each
    thing once, in order of first mention, with every role the text gives it."""
    roles: dict[str, list[str]] = {}
    sectors: list[str] = []
    for m in mentions:
        if m["kind"] == "sector":
            if m["key"] not in sectors:
                sectors.append(m["key"])
            continue
        label = f"{m['key']}/{m['country']}" if m["kind"] == "city" else m["key"]
        got = roles.setdefault(label, [])
        role = (m.get("role") or "").replace("_", " ")
        if role and role not in got:
            got.append(role)
    parts = [f"{label} ({', '.join(r)})" if r else label for label, r in roles.items()]
    line = "places and parties: " + (", ".join(parts) or "-")
    if sectors:
        line += "; sectors: " + ", ".join(sectors)
    return _clip(line, 240) if parts or sectors else ""


def _clip(text: str, width: int = 140) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
