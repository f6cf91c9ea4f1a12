"""The user interface: the 3D scene (PyVista) and the Qt window around it.

``viewer.scene.brain_scene``, ``viewer.scene.camera_views``, ``viewer.scene.themes`` and ``viewer.scene.headless``
need no Qt; they are shared by the window and the ``--screenshot`` path.
"""

#: The app's name (window title, dialogs, the settings and log folders).
APP_NAME = "Brain Region Explorer"
#: The organisation name Qt files the settings under.
ORGANIZATION = "BrainRegionExplorer"
