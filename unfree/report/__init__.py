"""Report: render analyses for people (plain text) and machines (JSON, JSON Lines)."""

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
    return "\n".join(lines)


def _clip(text: str, width: int = 140) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
