"""Pure normalizers: text in, value out. No spaCy, no pydantic."""
