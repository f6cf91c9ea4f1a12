"""How text is shown: the plain-text rule for untrusted strings, and the side panel's HTML and its styles."""
