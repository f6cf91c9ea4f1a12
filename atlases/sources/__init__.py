"""Atlas sources and label volumes: the atlas definitions, the registry, and one module per atlas.

A source is created by a factory ``make_source(definition, data_dir)``; see
:class:`atlases.sources.atlas_source.AtlasSource` for what it provides.
"""
