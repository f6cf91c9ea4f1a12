"""Small Qt widgets and the Qt theme, shared by the main window and lecture mode."""
