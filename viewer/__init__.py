"""The user interface: the 3D scene (PyVista) and the Qt window around it.

``viewer.scene``, ``viewer.views``, ``viewer.themes`` and ``viewer.headless``
need no Qt; they are shared by the window and the ``--screenshot`` path.
"""

#: The app's name (window title, dialogs, the settings and log folders).
APP_NAME = "Brain Region Explorer"
#: The organisation name Qt files the settings under.
ORGANIZATION = "BrainRegionExplorer"
