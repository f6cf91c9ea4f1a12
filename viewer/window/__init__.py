"""The main window and its Qt widgets: 3D view, side panel, region list, display controls, tool bar."""
