"""Per-language data folders (`<code>/indicators.yaml`, `<code>/facts.yaml`): no code."""
