"""The JSON Schema of the output format (analysis.schema.json)."""
