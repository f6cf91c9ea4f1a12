"""The mechanism diagram drawn with Qt: the painter, the image export (and the widget).

The diagram itself (elements, steps, what changed) is Qt-free data in
:mod:`atlases.teaching.mechanism_diagram`; this package only draws it.
"""
