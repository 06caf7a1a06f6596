"""One module per family of built data files; see ../build_models.py."""
