"""What the widgets draw, without Textual: the week and a group's availability."""
