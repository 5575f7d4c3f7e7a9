"""Expert-edited, language-independent data: indicator definitions and ILO norms."""
