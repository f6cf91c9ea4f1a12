"""The user interface: the 3D scene (PyVista) and the Qt window around it.

``viewer.scene``, ``viewer.views``, ``viewer.themes`` and ``viewer.headless``
need no Qt; they are shared by the window and the ``--screenshot`` path.
"""
